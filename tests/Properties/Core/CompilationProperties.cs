using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// A compiled graph (<see cref="Reverse.Compile(Expr)"/>, <see cref="Forward.Compile"/>) gives the interpreter's
/// numbers bit for bit. Expected exactly, not to 1 ulp: the emitted code calls the same rule methods on the
/// same arguments, with the same strong-zero products, zero shortcuts and order of accumulation as the
/// interpreter, and .NET neither reassociates nor contracts double arithmetic.
/// </summary>
public class CompilationProperties
{
    [Fact]
    public void CompiledGradientEqualsInterpretedBitForBit() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c => SameGradient(c.Graph, c.Point)));

    [Fact]
    public void CompiledJvpEqualsInterpretedBitForBit() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Direction(), (c, direction) =>
            SameJvp(c.Graph, c.Point, DirectionFor(c.Graph, direction))));

    /// <summary>
    /// The same with strong zeros in play: 0·√z and √(0·z) at z = 0 put an infinite partial next to an exact
    /// zero, which the compiled code must annihilate exactly as the interpreter does (a plain product would give NaN).
    /// </summary>
    [Fact]
    public void CompiledEqualsInterpretedWhereStrongZerosMeetInfinities() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Direction(), (c, direction) =>
        {
            var z = Expr.Input("zz");
            var graph = c.Graph + Expr.Constant(0) * Expr.Sqrt(z) + Expr.Sqrt(Expr.Constant(0) * z) * c.Graph;
            var point = c.Point.With("zz", 0);
            SameGradient(graph, point);
            SameJvp(graph, point, DirectionFor(graph, direction));
            GradientChecks.Require(Reverse.Compile(graph).Invoke(point).Gradient.Scalar("zz") == 0, () => "∂/∂zz is not the strong zero");
        }));

    /// <summary>A primitive whose rule was replaced has no raw rules: compiled code must call the replaced rule too.</summary>
    [Theory]
    [InlineData(Mutants.JvpSignFlip)]
    [InlineData(Mutants.VjpTimesTwo)]
    [InlineData(Mutants.NeighbourRule)]
    public void CompiledCodeCallsAReplacedRule(string kind)
    {
        foreach (var original in new[] { Primitives.Multiply, Primitives.Sin, Primitives.Max })
        {
            var options = new GraphOptions
            {
                Catalogue = [.. GraphOptions.DefaultCatalogue.Select(p => p.Equals(original) ? Mutants.Make(original, kind) : p)],
                Required = Mutants.Make(original, kind),
            };
            Cases.Check(Prop.ForAll(GraphGen.Arbitrary(options), Numbers.Direction(), (c, direction) =>
            {
                SameGradient(c.Graph, c.Point);
                SameJvp(c.Graph, c.Point, DirectionFor(c.Graph, direction));
            }), 100);
        }
    }

    /// <summary>The span overloads take and give numbers in the order of <see cref="CompiledGradient.Inputs"/>.</summary>
    [Fact]
    public void SpanOverloadsUseTheSortedInputOrder() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), Numbers.Direction(), (c, direction) =>
        {
            var compiled = Reverse.Compile(c.Graph);
            GradientChecks.Require(compiled.Inputs.SequenceEqual(Graph.Inputs(c.Graph)), () => "inputs are not the graph's sorted inputs");
            var inputs = compiled.Inputs.Select(n => c.Point.Scalar(n)).ToArray();
            var gradient = new double[inputs.Length];
            var value = compiled.Invoke(inputs, gradient);
            var expected = Reverse.ValueAndGrad(c.Graph, c.Point);
            GradientChecks.Require(SameBits(value, expected.Value), () => $"value {value:R} vs {expected.Value:R}");
            for (var i = 0; i < inputs.Length; i++)
            {
                var name = compiled.Inputs[i];
                GradientChecks.Require(SameBits(gradient[i], expected.Gradient[name]), () => $"∂/∂{name}: {gradient[i]:R} vs {expected.Gradient[name]:R}");
            }
            var tangents = direction.Take(inputs.Length).ToArray();
            var jvp = Forward.Compile(c.Graph).Invoke(inputs, tangents);
            var interpreted = Forward.Jvp(c.Graph, c.Point, Bindings.From(compiled.Inputs.Select((n, i) => KeyValuePair.Create(n, tangents[i]))));
            GradientChecks.Require(SameBits(jvp.Tangent, interpreted.Tangent), () => $"JVP {jvp.Tangent:R} vs {interpreted.Tangent:R}");
        }));

    private static Bindings DirectionFor(Expr graph, double[] direction) =>
        Bindings.From(Graph.Inputs(graph).Select((n, i) => KeyValuePair.Create(n, i < direction.Length ? direction[i] : 0.5)));

    internal static void SameGradient(Expr graph, Bindings at)
    {
        var compiled = Reverse.Compile(graph).Invoke(at);
        var interpreted = Reverse.ValueAndGrad(graph, at);
        GradientChecks.Require(SameBits(compiled.Value, interpreted.Value), () => $"value: compiled {compiled.Value:R} vs interpreted {interpreted.Value:R}");
        GradientChecks.Require(compiled.Gradient.Names.SequenceEqual(interpreted.Gradient.Names), () => "the gradients name different inputs");
        foreach (var name in interpreted.Gradient.Names)
        {
            GradientChecks.Require(SameBits(compiled.Gradient[name], interpreted.Gradient[name]),
                () => $"∂/∂{name}: compiled {compiled.Gradient[name]:R} vs interpreted {interpreted.Gradient[name]:R}");
        }
    }

    internal static void SameJvp(Expr graph, Bindings at, Bindings direction)
    {
        var compiled = Forward.Compile(graph).Invoke(at, direction);
        var interpreted = Forward.Jvp(graph, at, direction);
        GradientChecks.Require(SameBits(compiled.Value, interpreted.Value) && SameBits(compiled.Tangent, interpreted.Tangent),
            () => $"JVP: compiled {compiled} vs interpreted {interpreted}");
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
