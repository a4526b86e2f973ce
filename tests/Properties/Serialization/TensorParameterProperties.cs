using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Serialization;

/// <summary>
/// Tensor parameter sets round-trip bit for bit with their shapes, scalars and tensors in one document; files of the
/// earlier scalar and tensor forms still load; malformed tensor entries are rejected with the entry's path.
/// </summary>
public class TensorParameterProperties
{
    private static Arbitrary<int> Seeds() => Arb.From(Gen.Choose(0, int.MaxValue - 1));

    private static Shape AnyShape(Random random) => random.Next(3) switch
    {
        0 => Shape.Scalar,
        1 => Shape.Vector(random.Next(1, 6)),
        _ => Shape.Matrix(random.Next(1, 5), random.Next(1, 5)),
    };

    [Fact]
    public void BindingsOfTensorsOfAnyBitPatternRoundTrip() =>
        Cases.Check(Prop.ForAll(Seeds(), seed =>
        {
            var random = new Random(seed);
            var pairs = Enumerable.Range(0, random.Next(0, 6))
                .Select(i => KeyValuePair.Create($"p{i}", Tensor.Create(AnyShape(random), (_, _) => RoundTripProperties.AnyDouble(random))))
                .ToArray();
            var bindings = Bindings.From(pairs);
            var json = ParameterJson.Serialize(bindings, allowNonFinite: true);
            var back = ParameterJson.DeserializeBindings(json, allowNonFinite: true);
            Require(back.Equals(bindings), () => $"read back {back}, wrote {bindings}");
            Require(back.Values.Select(v => v.Shape).SequenceEqual(bindings.Values.Select(v => v.Shape)), () => "a shape changed");
            Require(ParameterJson.Serialize(back, allowNonFinite: true) == json, () => "writing what was read gives another document");
        }));

    [Fact]
    public void ATensorGradientAndItsPointRoundTrip() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var loss = c.Graph.Shape.IsScalar ? c.Graph : Expr.Sum(c.Graph);
            var gradient = Reverse.Grad(loss, c.Point);
            var back = ParameterJson.DeserializeGradient(ParameterJson.Serialize(gradient, allowNonFinite: true), allowNonFinite: true);
            Require(back.Equals(gradient), () => $"read back {back}, wrote {gradient}");
            Require(ParameterJson.DeserializeBindings(ParameterJson.Serialize(c.Point)).Equals(c.Point), () => "the point differs");
        }), Cases.Count(500));

    [Fact]
    public void ScalarsAndTensorsShareOneDocument()
    {
        var mixed = Bindings.Of(("a", 1.5), ("W", Tensor.Matrix(new double[,] { { 1, 2 }, { 3, 4 } })), ("b", -2.0));
        var json = ParameterJson.Serialize(mixed);
        var back = ParameterJson.DeserializeBindings(json);
        Assert.Equal(mixed, back);
        Assert.Equal(1.5, back.Scalar("a"));
        Assert.Equal(Shape.Matrix(2, 2), back["W"].Shape);
        Assert.Equal(json, ParameterJson.Serialize(back));
    }

    // Files as the two earlier writers left them, byte for byte: ParameterJson.Serialize(Gradient) of the scalar form
    // (numbers only) and ParameterJson.Serialize(TensorBindings) of the tensor form (shapes, row-major elements). Both
    // must still load, and writing what was read gives the same file.
    private const string ScalarFormFile = """
        {
          "format": "functionalad.parameters",
          "version": 1,
          "kind": "gradient",
          "entries": [
            {
              "name": "b",
              "value": 1
            },
            {
              "name": "w",
              "value": 3.0000000000000004
            }
          ]
        }
        """;

    private const string TensorFormFile = """
        {
          "format": "functionalad.parameters",
          "version": 1,
          "kind": "bindings",
          "entries": [
            {
              "name": "W",
              "shape": [
                2,
                3
              ],
              "value": [1,2,3,4,5,6
              ]
            },
            {
              "name": "c",
              "value": 0.5
            }
          ]
        }
        """;

    [Fact]
    public void FilesWrittenByTheScalarAndTheTensorFormsStillLoad()
    {
        var folder = Directory.CreateTempSubdirectory("fad-old-params-");
        try
        {
            var (scalarPath, tensorPath) = (Path.Combine(folder.FullName, "gradient.json"), Path.Combine(folder.FullName, "bindings.json"));
            File.WriteAllText(scalarPath, ScalarFormFile);
            File.WriteAllText(tensorPath, TensorFormFile);

            var gradient = ParameterJson.LoadGradient(scalarPath);
            Assert.Equal(new[] { "b", "w" }, gradient.Names.ToArray());
            Assert.Equal(1.0, gradient.Scalar("b"));
            double w = gradient["w"];
            Assert.Equal(BitConverter.DoubleToInt64Bits(3.0000000000000004), BitConverter.DoubleToInt64Bits(w));

            var bindings = ParameterJson.LoadBindings(tensorPath);
            Assert.Equal(Tensor.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }), bindings["W"]);
            Assert.Equal(0.5, bindings.Scalar("c"));

            Assert.Equal(ScalarFormFile.ReplaceLineEndings(), ParameterJson.Serialize(gradient).ReplaceLineEndings());
            Assert.Equal(TensorFormFile.ReplaceLineEndings(), ParameterJson.Serialize(bindings).ReplaceLineEndings());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void WritingRefusesANonFiniteElementByEntryAndPosition()
    {
        var bindings = Bindings.Of(("W", Tensor.Matrix(new double[,] { { 1, 2 }, { double.NaN, 4 } })));
        var e = Assert.Throws<ArgumentException>(() => ParameterJson.Serialize(bindings));
        Assert.Contains("'W'", e.Message);
        Assert.Contains("element 2", e.Message);
    }

    [Fact]
    public void SavedTensorParametersLoadBack()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fad-tensor-params-{Guid.NewGuid():N}.json");
        try
        {
            var bindings = Bindings.Of(("W", Tensor.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } })), ("b", Tensor.Vector(0.25, -0.5)));
            ParameterJson.Save(bindings, path);
            Assert.Equal(bindings, ParameterJson.LoadBindings(path));
            var gradient = Reverse.Grad(Expr.Sum(Expr.MatMul(Expr.Input("W", Shape.Matrix(2, 3)), Expr.Input("x", Shape.Vector(3)))),
                bindings.With("x", Tensor.Vector(1, 2, 3)));
            ParameterJson.Save(gradient, path);
            Assert.Equal(gradient, ParameterJson.LoadGradient(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const string Header = "\"format\":\"functionalad.parameters\",\"version\":1,\"kind\":\"bindings\"";

    public static TheoryData<string, string, string, string> Malformed => new()
    {
        // name, entry, a fragment of the problem, the path
        { "shape without elements", "{\"name\":\"W\",\"shape\":[2],\"value\":1}", "needs its 2 elements as an array", "$.entries[0].value" },
        { "elements without shape", "{\"name\":\"W\",\"value\":[1,2]}", "needs its shape", "$.entries[0]" },
        { "too few elements", "{\"name\":\"W\",\"shape\":[2,2],\"value\":[1,2,3]}", "has 4 elements, found 3", "$.entries[0].value" },
        { "too many elements", "{\"name\":\"W\",\"shape\":[1],\"value\":[1,2]}", "has 1 elements, found 2", "$.entries[0].value" },
        { "bad dimension", "{\"name\":\"W\",\"shape\":[0],\"value\":[]}", "positive integer, found 0", "$.entries[0].shape" },
        { "three dimensions", "{\"name\":\"W\",\"shape\":[1,1,1],\"value\":[1]}", "rank above 2 are not supported yet", "$.entries[0].shape" },
        { "absurd shape", "{\"name\":\"W\",\"shape\":[2000000000,2000000000],\"value\":[]}", "more than the limit", "$.entries[0].shape" },
        { "NaN element", "{\"name\":\"W\",\"shape\":[2],\"value\":[1,\"NaN\"]}", "must be a finite number", "$.entries[0].value" },
        { "nested elements", "{\"name\":\"W\",\"shape\":[2],\"value\":[[1],[2]]}", "an element must be a number", "$.entries[0].value" },
        { "shape twice", "{\"name\":\"W\",\"shape\":[2],\"shape\":[2],\"value\":[1,2]}", "given twice", "$.entries[0].shape" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AMalformedTensorEntryIsRejectedWithItsPlace(string name, string entry, string problem, string path)
    {
        var json = $"{{{Header},\"entries\":[{entry}]}}";
        var e = Assert.Throws<GraphFormatException>(() => ParameterJson.DeserializeBindings(json));
        Assert.True(e.Problem.Contains(problem, StringComparison.Ordinal), $"{name}: the problem is \"{e.Problem}\"");
        Assert.True(e.Path == path, $"{name}: the path is {e.Path}, problem \"{e.Problem}\"");
    }
}
