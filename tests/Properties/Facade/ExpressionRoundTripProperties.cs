using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Facade;

/// <summary>
/// Reading back what the printer writes: for random graphs over the whole catalogue, <see cref="Expression.Parse"/>
/// of <c>graph.ToString()</c> is a graph with the same value and the same forward-mode gradient, bit for bit.
/// </summary>
/// <remarks>
/// The text loses what a tree cannot show, so the graphs may differ in structure but not in what they compute:
/// a shared node is printed at each use (and evaluated once per copy, with the same bits), <c>-2</c> reads
/// back as the constant −2 whether it was one or the negation of 2, and <c>x ^ 3</c> as <c>PowerOf(3)</c>
/// whether it was that or <c>pow(x, 3)</c>, whose value and x-partial are the same formula. Forward mode
/// computes each node's tangent from its subtree alone, so copies of a subtree get identical bits.
/// </remarks>
public class ExpressionRoundTripProperties
{
    [Fact]
    public void ParsingThePrintedGraphComputesTheSameBits() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var text = c.Graph.ToString();
            if (text.EndsWith('…')) return; // longer than the printer writes in full
            var parsed = Expression.Parse(text);

            Require(parsed.ToString() == text, () => $"reads back as {parsed}");
            var (value, again) = (Graph.Evaluate(c.Graph, c.Point), Graph.Evaluate(parsed, c.Point));
            Require(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(again), () => $"value {value} became {again}");
            Require(Forward.Grad(c.Graph, c.Point).Equals(Forward.Grad(parsed, c.Point)),
                () => $"gradient {Forward.Grad(c.Graph, c.Point)} became {Forward.Grad(parsed, c.Point)}");
        }));
}
