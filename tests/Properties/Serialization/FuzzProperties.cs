using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Serialization;

/// <summary>
/// Fuzzing the loaders: random mutations of valid documents — bytes flipped, ranges cut, copied or truncated,
/// digits changed (which makes dangling ids, cycles and forward references), JSON fragments inserted — and
/// plain random bytes. Every outcome is a value or a <see cref="GraphFormatException"/>; anything else fails.
/// 2,000 cases per property by default; <c>FUNCTIONALAD_CASES=100000</c> for a long run.
/// </summary>
public class FuzzProperties
{
    public static int Count => Cases.Count(2000);

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", "\"", ",", ":", "-1", "0", "7", "2.5", "1e999", "-0", "\"NaN\"", "\"Infinity\"", "null", "true",
        "\"id\"", "\"args\"", "\"kind\"", "\"apply\"", "\"input\"", "\"constant\"", "\"primitive\"", "\"powc\"", "\"shape\"", "[3]",
        "\"output\"", "\"nodes\"", "\"entries\"", "\"version\"", "2", "\\u0000", "\\ud800", "\"\\u00e9\"", "//", "\n", " ",
        "\"operation\"", "\"MatMul\"", "\"Reshape\"", "\"axis\"", "\"start\"", "\"count\"", "\"index\"", "[2,3]", "[1,2,3]",
        "[99999,99999]", "[]",
    ];

    private static Arbitrary<int> Seeds() => Arb.From(Gen.Choose(0, int.MaxValue - 1));

    /// <summary>A valid graph or parameter document, made from the seed; half the graphs are tensor graphs.</summary>
    private static byte[] ValidDocument(Random random, bool graph)
    {
        if (graph && random.Next(2) == 0) return Encoding.UTF8.GetBytes(GraphJson.Serialize(TensorGraph(random), indented: random.Next(2) == 0));
        if (!graph && random.Next(2) == 0)
        {
            var t = TensorGraphGen.Build(random, 6);
            return Encoding.UTF8.GetBytes(random.Next(2) == 0
                ? ParameterJson.Serialize(t.Point)
                : ParameterJson.Serialize(Reverse.Grad(t.Graph.Shape.IsScalar ? t.Graph : Expr.Sum(t.Graph), t.Point), allowNonFinite: true));
        }
        var c = GraphGen.Build(new GraphOptions { MaxApplications = 8 }, random);
        var text = graph
            ? GraphJson.Serialize(c.Graph, indented: random.Next(2) == 0)
            : random.Next(2) == 0 ? ParameterJson.Serialize(c.Point) : ParameterJson.Serialize(Reverse.Grad(c.Graph, c.Point), allowNonFinite: true);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A random tensor graph, plus a tensor constant of its shape half the time (the generator makes scalar constants only).</summary>
    private static Expr TensorGraph(Random random)
    {
        var graph = TensorGraphGen.Build(random, 8).Graph;
        return random.Next(2) == 0 || graph.Shape.IsScalar
            ? graph
            : graph * Expr.Constant(Tensor.Create(graph.Shape, (i, j) => i - 0.5 * j));
    }

    /// <summary>One to five random mutations.</summary>
    private static byte[] Mutate(byte[] document, Random random)
    {
        var bytes = document.ToList();
        for (var m = random.Next(1, 6); m > 0 && bytes.Count > 0; m--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: // flip a byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1: // change a digit: ids, arities, exponents, versions
                    var digits = Enumerable.Range(0, bytes.Count).Where(i => bytes[i] is >= (byte)'0' and <= (byte)'9').ToList();
                    if (digits.Count > 0) bytes[digits[random.Next(digits.Count)]] = (byte)('0' + random.Next(10));
                    break;
                case 2: // cut a range
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 3: // copy a range elsewhere
                    var length = Math.Min(random.Next(1, 80), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                    break;
                case 4: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default: // insert a JSON fragment
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>Runs a loader: true if it returned a value, false if it threw the documented exception; anything else fails.</summary>
    private static bool Outcome(Func<object> load, byte[] input)
    {
        try
        {
            return load() is not null;
        }
        catch (GraphFormatException e)
        {
            Require(e.Problem.Length > 0 && e.Path.StartsWith('$'), () => $"an exception without a problem or path: {e.Message}");
            return false;
        }
        catch (Exception e)
        {
            Require(false, () => $"{e.GetType().Name} escaped for input {Convert.ToBase64String(input)}: {e}");
            return false;
        }
    }

    [Fact]
    public void MutatedGraphDocumentsLoadOrRaiseTheFormatException() =>
        Cases.Check(Prop.ForAll(Seeds(), seed =>
        {
            var random = new Random(seed);
            var input = Mutate(ValidDocument(random, graph: true), random);
            Expr? loaded = null;
            if (Outcome(() => loaded = GraphJson.Deserialize(input), input))
            {
                // What loads is a graph like any other: it writes and reads back unchanged.
                var again = GraphJson.Deserialize(GraphJson.Serialize(loaded!));
                Require(again == loaded, () => $"a loaded mutant does not round-trip: {loaded}");
            }
        }), Count);

    [Fact]
    public void MutatedParameterDocumentsLoadOrRaiseTheFormatException() =>
        Cases.Check(Prop.ForAll(Seeds(), seed =>
        {
            var random = new Random(seed);
            var input = Mutate(ValidDocument(random, graph: false), random);
            var text = Encoding.UTF8.GetString(input);
            var allow = random.Next(2) == 0;
            Outcome(() => ParameterJson.DeserializeBindings(text, allow), input);
            Outcome(() => ParameterJson.DeserializeGradient(text, allow), input);
        }), Count);

    [Fact]
    public void RandomBytesRaiseTheFormatException() =>
        Cases.Check(Prop.ForAll(Seeds(), seed =>
        {
            var random = new Random(seed);
            var input = new byte[random.Next(0, 200)];
            random.NextBytes(input);
            if (random.Next(2) == 0 && input.Length > 0) input[0] = (byte)'{';
            Require(!Outcome(() => GraphJson.Deserialize(input), input), () => "random bytes loaded as a graph");
            Outcome(() => ParameterJson.DeserializeBindings(Encoding.UTF8.GetString(input)), input);
        }), Count);
}
