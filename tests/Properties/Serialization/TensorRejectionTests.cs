namespace FunctionalAD.Properties.Serialization;

/// <summary>
/// Loading a tensor graph rejects each malformed case with a <see cref="GraphFormatException"/> naming the node
/// and the problem: unknown operations, wrong arity, missing or foreign parameters, bad shapes, shapes that do not
/// fit (with both shapes), element counts that do not match, and sizes beyond the limits.
/// </summary>
public class TensorRejectionTests
{
    private const string Header = "\"format\":\"functionalad.graph\",\"version\":1";
    private const string Inputs =
        "{\"id\":0,\"kind\":\"input\",\"name\":\"m\",\"shape\":[3,2]},{\"id\":1,\"kind\":\"input\",\"name\":\"v\",\"shape\":[3]}";

    /// <summary>A graph document with the given nodes after the inputs m (id 0, 3×2) and v (id 1, a vector of 3), output id 2.</summary>
    private static string Doc(string nodes) => $"{{{Header},\"nodes\":[{Inputs},{nodes}],\"output\":2}}";

    private static string Op(string operation, string args, string extra = "") =>
        $"{{\"id\":2,\"kind\":\"operation\",\"operation\":\"{operation}\"{extra},\"args\":[{args}]}}";

    private static string Constant(string shape, string value) => $"{{\"id\":2,\"kind\":\"constant\",\"shape\":{shape},\"value\":{value}}}";

    [Fact]
    public void TheValidBaseDocumentLoads()
    {
        var graph = GraphJson.Deserialize(
            $"{{{Header},\"nodes\":[{Inputs},{{\"id\":3,\"kind\":\"operation\",\"operation\":\"Transpose\",\"args\":[0]}},"
            + "{\"id\":2,\"kind\":\"operation\",\"operation\":\"MatMul\",\"args\":[3,1],\"shape\":[2]}],\"output\":2}");
        Assert.Equal(Expr.MatMul(Expr.Transpose(Expr.Input("m", Shape.Matrix(3, 2))), Expr.Input("v", Shape.Vector(3))), graph);
    }

    public static TheoryData<string, string, string, string> Malformed => new()
    {
        // name, document, a fragment of the problem, the path
        { "unknown operation", Doc(Op("Convolve", "0,1")), "unknown operation 'Convolve'", "$.nodes[2].operation" },
        { "operation in lower case", Doc(Op("matmul", "0,1")), "unknown operation 'matmul'", "$.nodes[2].operation" },
        { "operation not a string", Doc("{\"id\":2,\"kind\":\"operation\",\"operation\":3,\"args\":[0]}"), "expected an operation name", "$.nodes[2].operation" },
        { "operation without args", Doc("{\"id\":2,\"kind\":\"operation\",\"operation\":\"Sum\"}"), "needs the property 'args'", "$.nodes[2]" },
        { "binary with one argument", Doc(Op("MatMul", "0")), "takes 2 argument(s), found 1", "$.nodes[2].args" },
        { "unary with two arguments", Doc(Op("Transpose", "0,1")), "takes 1 argument(s), found 2", "$.nodes[2].args" },
        { "operation with a primitive", Doc(Op("Sum", "0", ",\"primitive\":\"exp\"")), "has no property 'primitive'", "$.nodes[2]" },
        { "apply with an axis", Doc("{\"id\":2,\"kind\":\"apply\",\"primitive\":\"exp\",\"axis\":0,\"args\":[0]}"), "has no property 'axis'", "$.nodes[2]" },
        { "softmax without axis", Doc(Op("Softmax", "0")), "needs the parameter 'axis'", "$.nodes[2].operation" },
        { "matmul with axis", Doc(Op("MatMul", "0,1", ",\"axis\":0")), "takes no parameter 'axis'", "$.nodes[2].operation" },
        { "rows without count", Doc(Op("Rows", "0", ",\"start\":0")), "needs the parameter 'count'", "$.nodes[2].operation" },
        { "row with start", Doc(Op("Row", "0", ",\"start\":0,\"index\":0")), "takes no parameter 'start'", "$.nodes[2].operation" },
        { "reshape without shape", Doc(Op("Reshape", "0")), "needs the property 'shape'", "$.nodes[2].operation" },
        { "axis not an integer", Doc(Op("Sum", "0", ",\"axis\":0.5")), "an axis must be an integer, found 0.5", "$.nodes[2].axis" },
        { "axis a string", Doc(Op("Sum", "0", ",\"axis\":\"0\"")), "an axis must be an integer, found a string", "$.nodes[2].axis" },
        { "axis out of range", Doc(Op("Sum", "1", ",\"axis\":1")), "shape mismatch: Sum: axis 1 is out of range for shape 3", "$.nodes[2]" },
        { "shapes that do not multiply", Doc(Op("MatMul", "0,0")), "shape mismatch: MatMul: cannot multiply 3×2 by 3×2", "$.nodes[2]" },
        { "rows outside", Doc(Op("Rows", "0", ",\"start\":2,\"count\":2")), "shape mismatch: Rows", "$.nodes[2]" },
        { "rows start that overflows", Doc(Op("Rows", "0", ",\"start\":2147483647,\"count\":1")), "shape mismatch: Rows", "$.nodes[2]" },
        { "row index at the end", Doc(Op("Row", "1", ",\"index\":3")), "shape mismatch: Row: row 3 is outside 3", "$.nodes[2]" },
        { "concat on a foreign axis", Doc(Op("Concat", "0,0", ",\"axis\":-2")), "shape mismatch: Concat", "$.nodes[2]" },
        { "reshape to another count", Doc(Op("Reshape", "0", ",\"shape\":[5]")), "cannot reshape 3×2 to 5", "$.nodes[2]" },
        { "declared shape differs", Doc(Op("Transpose", "0", ",\"shape\":[3,2]")), "declares shape 3×2, but its arguments give 2×3", "$.nodes[2].shape" },
        { "apply shape differs", Doc("{\"id\":2,\"kind\":\"apply\",\"primitive\":\"add\",\"args\":[0,1],\"shape\":[3,2]}"), "shape mismatch", "$.nodes[2]" },
        { "elementwise shapes clash", Doc("{\"id\":2,\"kind\":\"apply\",\"primitive\":\"exp\",\"args\":[0],\"shape\":[2,3]}"), "declares shape 2×3, but its arguments give 3×2", "$.nodes[2].shape" },
        { "three dimensions", Doc(Constant("[1,1,1]", "[1]")), "rank above 2 are not supported yet", "$.nodes[2].shape" },
        { "zero dimension", Doc(Constant("[0]", "[]")), "positive integer, found 0", "$.nodes[2].shape" },
        { "negative dimension", Doc(Constant("[-3]", "[1]")), "positive integer, found -3", "$.nodes[2].shape" },
        { "fractional dimension", Doc(Constant("[1.5]", "[1]")), "positive integer, found 1.5", "$.nodes[2].shape" },
        { "huge dimension", Doc(Constant("[99999999999]", "[1]")), "positive integer, found 99999999999", "$.nodes[2].shape" },
        { "shape not an array", Doc(Constant("3", "[1]")), "expected a shape", "$.nodes[2].shape" },
        { "absurd shape", Doc("{\"id\":2,\"kind\":\"input\",\"name\":\"big\",\"shape\":[2000000000,2000000000]}"), "more than the limit of 100000000", "$.nodes[2].shape" },
        { "too few elements", Doc(Constant("[2,2]", "[1,2,3]")), "has 4 elements, found 3", "$.nodes[2].value" },
        { "too many elements", Doc(Constant("[2]", "[1,2,3]")), "has 2 elements, found 3", "$.nodes[2].value" },
        { "elements without shape", "{" + Header + ",\"nodes\":[{\"id\":2,\"kind\":\"constant\",\"value\":[1,2]}],\"output\":2}", "needs its shape", "$.nodes[0].shape" },
        { "element not a number", Doc(Constant("[2]", "[1,true]")), "an element must be a number", "$.nodes[2].value" },
        { "element misspelt infinity", Doc(Constant("[2]", "[1,\"inf\"]")), "\"Infinity\"", "$.nodes[2].value" },
        { "nested elements", Doc(Constant("[2]", "[[1],[2]]")), "an element must be a number", "$.nodes[2].value" },
        { "scalar constant with array", Doc(Constant("[]", "[1]")), "needs its shape", "$.nodes[2].shape" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AMalformedTensorDocumentIsRejectedWithItsPlace(string name, string json, string problem, string path)
    {
        var e = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.True(e.Problem.Contains(problem, StringComparison.Ordinal), $"{name}: the problem is \"{e.Problem}\"");
        Assert.True(e.Path == path, $"{name}: the path is {e.Path}, problem \"{e.Problem}\"");
    }

    [Fact]
    public void TheElementLimitBoundsConstantsAndShapes()
    {
        var graph = Expr.Sum(Expr.Input("x", Shape.Matrix(3, 4)) * Expr.Constant(Tensor.Filled(Shape.Matrix(3, 4), 0.5)));
        var json = GraphJson.Serialize(graph);
        Assert.Equal(graph, GraphJson.Deserialize(json, new GraphJsonLimits { MaxTensorElements = 12 }));
        var e = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json, new GraphJsonLimits { MaxTensorElements = 11 }));
        Assert.Contains("more than the limit of 11", e.Problem);
        Assert.Equal("$.nodes[0].shape", e.Path);
    }

    [Fact]
    public void TheElementLimitBoundsDerivedShapes()
    {
        // Two inputs of 100,000 elements each make a 100,000 × 100,000 product: 10¹⁰ elements from a few bytes.
        var column = Expr.Input("c", Shape.Matrix(100_000, 1));
        var row = Expr.Input("r", Shape.Matrix(1, 100_000));
        var json = GraphJson.Serialize(Expr.Sum(Expr.MatMul(column, row)));
        var declared = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.Contains("the shape has 10000000000 elements, more than the limit of 100000000", declared.Problem);
        Assert.Equal("$.nodes[2].shape", declared.Path);

        // Without the declared shape (optional to a reader), the shape the arguments give is bounded too.
        var undeclared = json.Replace(",\"shape\":[100000,100000]", "");
        Assert.NotEqual(json, undeclared);
        var derived = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(undeclared));
        Assert.Contains("100000×100000 has 10000000000 elements, more than the limit of 100000000", derived.Problem);
        Assert.Equal("$.nodes[2]", derived.Path);
    }
}
