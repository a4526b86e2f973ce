using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Serialization;

/// <summary>
/// A round trip through JSON is exact: the graph read back is structurally equal, has the same distinct
/// nodes, prints the same, and gives bit-identical values and gradients in both modes; parameter sets
/// come back bit for bit. Checked over the random graph generator and over random bit patterns.
/// </summary>
public class RoundTripProperties
{
    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    [Fact]
    public void ARandomGraphRoundTripsExactly() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            foreach (var indented in new[] { false, true })
            {
                var json = GraphJson.Serialize(c.Graph, indented);
                var back = GraphJson.Deserialize(json);
                Require(!ReferenceEquals(back, c.Graph) && back == c.Graph && back.GetHashCode() == c.Graph.GetHashCode(),
                    () => $"the graph read back differs: {back}");
                Require(Graph.NodeCount(back) == Graph.NodeCount(c.Graph),
                    () => $"{Graph.NodeCount(back)} distinct nodes read back, {Graph.NodeCount(c.Graph)} written: sharing changed");
                Require(back.ToString() == c.Graph.ToString(), () => $"prints as {back}");
                Require(SameBits(Graph.Evaluate(back, c.Point), Graph.Evaluate(c.Graph, c.Point)), () => "the value differs");
                Require(Reverse.Grad(back, c.Point).Equals(Reverse.Grad(c.Graph, c.Point)), () => "the reverse gradient differs");
                Require(Forward.Grad(back, c.Point).Equals(Forward.Grad(c.Graph, c.Point)), () => "the forward gradient differs");
                Require(GraphJson.Serialize(back, indented) == json, () => "writing the graph read back gives another document");
            }
        }));

    /// <summary>Any 64-bit pattern, NaN payloads, infinities, −0 and subnormals included, with the chance of each family raised.</summary>
    internal static double AnyDouble(Random random) => random.Next(8) switch
    {
        0 => double.NaN,
        1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => random.Next(2) == 0 ? 0.0 : -0.0,
        3 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 1L << 52) | (random.Next(2) == 0 ? 0 : long.MinValue)), // subnormal
        4 => BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0000 | random.NextInt64(1, 1L << 52) | (random.Next(2) == 0 ? 0 : long.MinValue)), // NaN payload
        _ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
    };

    private static Arbitrary<Random> Seeds() => Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed => new Random(seed)));

    [Fact]
    public void ConstantsAndExponentsOfAnyBitPatternRoundTrip() =>
        Cases.Check(Prop.ForAll(Seeds(), random =>
        {
            var x = Expr.Input("x");
            var constants = Enumerable.Range(0, 8).Select(_ => AnyDouble(random)).ToArray();
            Expr graph = x;
            foreach (var c in constants) graph = Expr.Pow(graph * c, AnyDouble(random));
            var back = GraphJson.Deserialize(GraphJson.Serialize(graph));
            Require(back == graph, () => $"read back {back}, wrote {graph}");
            var readConstants = Graph.Nodes(back).OfType<ConstantNode>().Select(n => n.Value.ToScalar()).ToArray();
            Require(readConstants.Zip(constants).All(p => SameBits(p.First, p.Second)), () => "a constant's bits changed");
        }));

    [Fact]
    public void ParameterSetsRoundTripBitForBit() =>
        Cases.Check(Prop.ForAll(Seeds(), random =>
        {
            var finite = Enumerable.Range(0, random.Next(0, 12))
                .Select(i => KeyValuePair.Create($"p{i}_{random.Next(1000)}", AnyFinite(random)))
                .DistinctBy(p => p.Key).ToArray();
            var bindings = Bindings.From(finite);
            var back = ParameterJson.DeserializeBindings(ParameterJson.Serialize(bindings));
            Require(back.Equals(bindings), () => $"read back {back}, wrote {bindings}");

            var anyBits = Bindings.From(finite.Select(p => KeyValuePair.Create(p.Key, AnyDouble(random))));
            var backAny = ParameterJson.DeserializeBindings(ParameterJson.Serialize(anyBits, allowNonFinite: true), allowNonFinite: true);
            Require(backAny.Equals(anyBits), () => $"read back {backAny}, wrote {anyBits}");
        }));

    private static double AnyFinite(Random random)
    {
        while (true)
        {
            var d = AnyDouble(random);
            if (double.IsFinite(d)) return d;
        }
    }

    [Fact]
    public void AGradientRoundTripsWithItsInfinitiesWhenAllowed() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var gradient = Reverse.Grad(c.Graph, c.Point);
            Require(ParameterJson.DeserializeGradient(ParameterJson.Serialize(gradient)).Equals(gradient), () => "the gradient differs");
            var point = ParameterJson.DeserializeBindings(ParameterJson.Serialize(c.Point));
            Require(point.Equals(c.Point), () => "the point differs");
        }), Cases.Count(500));
}
