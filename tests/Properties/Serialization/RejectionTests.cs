using System.Text;

namespace FunctionalAD.Properties.Serialization;

/// <summary>
/// Loading rejects every kind of malformed or hostile document with a <see cref="GraphFormatException"/> that
/// says what is wrong and where (JSON path, line, column) — never another exception, a hang or unbounded memory.
/// </summary>
public class RejectionTests
{
    private const string Header = "\"format\":\"functionalad.graph\",\"version\":1";
    private const string Inputs = "{\"id\":0,\"kind\":\"input\",\"name\":\"w\"},{\"id\":1,\"kind\":\"input\",\"name\":\"x\"}";

    /// <summary>A graph document with the given nodes after the two inputs w (id 0) and x (id 1), and the output.</summary>
    private static string Doc(string nodes, string output = "\"output\":2") =>
        $"{{{Header},\"nodes\":[{Inputs}{(nodes.Length > 0 ? "," : "")}{nodes}]{(output.Length > 0 ? "," : "")}{output}}}";

    private static string Apply(int id, string primitive, string args, string extra = "") =>
        $"{{\"id\":{id},\"kind\":\"apply\",\"primitive\":\"{primitive}\"{extra},\"args\":[{args}]}}";

    [Fact]
    public void TheValidBaseDocumentLoads()
    {
        var graph = GraphJson.Deserialize(Doc(Apply(2, "mul", "0,1")));
        Assert.Equal(Expr.Input("w") * Expr.Input("x"), graph);
    }

    public static TheoryData<string, string, string, string> Malformed => new()
    {
        // name, document, a fragment of the problem, the path
        { "empty", "", "invalid JSON", "$" },
        { "not JSON", "functionalad", "invalid JSON", "$" },
        { "truncated", Doc(Apply(2, "mul", "0,1"))[..60], "invalid JSON", "$.nodes[0]" },
        { "trailing garbage", Doc(Apply(2, "mul", "0,1")) + " {}", "", "$" },
        { "not an object", "[1, 2]", "expected a JSON object", "$" },
        { "null", "null", "expected a JSON object", "$" },
        { "no format", "{\"version\":1}", "first property must be \"format\"", "$" },
        { "wrong format", "{\"format\":\"functionalad.parameters\",\"version\":1}", "not 'functionalad.graph'", "$.format" },
        { "format not a string", "{\"format\":7,\"version\":1}", "expected the format", "$.format" },
        { "future version", "{\"format\":\"functionalad.graph\",\"version\":2}", "found version 2", "$.version" },
        { "version as string", "{\"format\":\"functionalad.graph\",\"version\":\"1\"}", "found a string", "$.version" },
        { "version fraction", "{\"format\":\"functionalad.graph\",\"version\":1.5}", "found version 1.5", "$.version" },
        { "missing version", "{\"format\":\"functionalad.graph\",\"nodes\":[]}", "second property must be \"version\"", "$" },
        { "unknown property", Doc(Apply(2, "mul", "0,1"), "\"output\":2,\"extra\":1"), "unknown property 'extra'", "$.extra" },
        { "nodes twice", Doc(Apply(2, "mul", "0,1"), "\"output\":2,\"nodes\":[]"), "given twice", "$.nodes" },
        { "nodes not an array", $"{{{Header},\"nodes\":{{}},\"output\":0}}", "expected an array of nodes", "$.nodes" },
        { "missing nodes", $"{{{Header},\"output\":0}}", "'nodes' is missing", "$" },
        { "missing output", Doc(Apply(2, "mul", "0,1"), ""), "'output' is missing", "$" },
        { "dangling output", Doc(Apply(2, "mul", "0,1"), "\"output\":7"), "no node has that id", "$.output" },
        { "output not an id", Doc(Apply(2, "mul", "0,1"), "\"output\":\"2\""), "non-negative integer", "$.output" },
        { "unknown primitive", Doc(Apply(2, "frobnicate", "0,1")), "unknown primitive 'frobnicate'", "$.nodes[2].primitive" },
        { "too few arguments", Doc(Apply(2, "mul", "0")), "takes 2 argument(s), found 1", "$.nodes[2].args" },
        { "too many for unary", Doc(Apply(2, "neg", "0,1")), "takes 1 argument(s), found 2", "$.nodes[2].args" },
        { "three arguments", Doc(Apply(2, "add", "0,1,0")), "takes 2 argument(s), found 3", "$.nodes[2].args" },
        { "four arguments", Doc(Apply(2, "where", "0,1,0,1")), "primitive 'where' takes 3 argument(s), found 4", "$.nodes[2].args" },
        { "no arguments", Doc(Apply(2, "exp", "")), "found 0", "$.nodes[2].args" },
        { "powc without exponent", Doc(Apply(2, "powc", "0")), "takes 1 parameter(s), found 0", "$.nodes[2].primitive" },
        { "add with parameters", Doc(Apply(2, "add", "0,1", ",\"parameters\":[2]")), "takes no parameters", "$.nodes[2].primitive" },
        { "parameters not numbers", Doc(Apply(2, "powc", "0", ",\"parameters\":[true]")), "must be a number", "$.nodes[2].parameters" },
        { "dangling argument", Doc(Apply(2, "mul", "0,9")), "no node has id 9", "$.nodes[2].args[1]" },
        { "self reference", Doc(Apply(2, "neg", "2")), "a cycle", "$.nodes[2].args[0]" },
        { "two-node cycle", Doc(Apply(2, "neg", "3") + "," + Apply(3, "neg", "2")), "a cycle: node 2 uses node 3", "$.nodes[2].args[0]" },
        { "forward reference", Doc(Apply(2, "neg", "3") + ",{\"id\":3,\"kind\":\"input\",\"name\":\"z\"}"), "a forward reference", "$.nodes[2].args[0]" },
        { "duplicate id", Doc("{\"id\":1,\"kind\":\"constant\",\"value\":2}"), "duplicate id 1: nodes[1]", "$.nodes[2].id" },
        { "negative id", Doc("{\"id\":-2,\"kind\":\"constant\",\"value\":2}"), "non-negative integer", "$.nodes[2].id" },
        { "fractional id", Doc("{\"id\":2.5,\"kind\":\"constant\",\"value\":2}"), "non-negative integer", "$.nodes[2].id" },
        { "huge id", Doc("{\"id\":99999999999999999999,\"kind\":\"constant\",\"value\":2}"), "non-negative integer", "$.nodes[2].id" },
        { "missing id", Doc("{\"kind\":\"constant\",\"value\":2}"), "no id", "$.nodes[2]" },
        { "missing kind", Doc("{\"id\":2,\"value\":2}"), "no kind", "$.nodes[2]" },
        { "unknown kind", Doc("{\"id\":2,\"kind\":\"tensor\",\"value\":2}"), "unknown node kind 'tensor'", "$.nodes[2].kind" },
        { "constant without value", Doc("{\"id\":2,\"kind\":\"constant\"}"), "needs the property 'value'", "$.nodes[2]" },
        { "input without name", Doc("{\"id\":2,\"kind\":\"input\"}"), "needs the property 'name'", "$.nodes[2]" },
        { "input with args", Doc("{\"id\":2,\"kind\":\"input\",\"name\":\"z\",\"args\":[0]}"), "has no property 'args'", "$.nodes[2]" },
        { "empty name", Doc("{\"id\":2,\"kind\":\"input\",\"name\":\" \"}"), "must not be empty", "$.nodes[2].name" },
        { "name not a string", Doc("{\"id\":2,\"kind\":\"input\",\"name\":5}"), "expected an input name", "$.nodes[2].name" },
        { "property twice", Doc("{\"id\":2,\"id\":3,\"kind\":\"constant\",\"value\":2}"), "given twice", "$.nodes[2]" },
        { "unknown node property", Doc("{\"id\":2,\"kind\":\"constant\",\"value\":2,\"$type\":\"System.IO.File\"}"), "unknown node property '$type'", "$.nodes[2]" },
        { "tensor shape on a number", Doc("{\"id\":2,\"kind\":\"constant\",\"value\":2,\"shape\":[3]}"), "needs its 3 elements as an array", "$.nodes[2].value" },
        { "constant out of range", Doc("{\"id\":2,\"kind\":\"constant\",\"value\":1e400}"), "out of the range of a double", "$.nodes[2].value" },
        { "constant misspelt NaN", Doc("{\"id\":2,\"kind\":\"constant\",\"value\":\"nan\"}"), "\"NaN\"", "$.nodes[2].value" },
        { "constant null", Doc("{\"id\":2,\"kind\":\"constant\",\"value\":null}"), "must be a number, found null", "$.nodes[2].value" },
        { "comment", "// a graph\n" + Doc(Apply(2, "mul", "0,1")), "invalid JSON", "$" },
        { "deep array", new string('[', 100_000) + new string(']', 100_000), "expected a JSON object", "$" },
        { "deep nesting inside", Doc("{\"id\":2,\"kind\":\"constant\",\"value\":" + new string('[', 100_000)), "", "$.nodes[2].value" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AMalformedDocumentIsRejectedWithItsPlace(string name, string json, string problem, string path)
    {
        var e = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.True(e.Problem.Contains(problem, StringComparison.Ordinal), $"{name}: the problem is \"{e.Problem}\"");
        Assert.True(e.Path == path, $"{name}: the path is {e.Path}, problem \"{e.Problem}\"");
        Assert.Contains(e.Problem, e.Message);
        Assert.Contains(e.Path, e.Message);
    }

    [Fact]
    public void DeepNestingIsRejectedAsSuch()
    {
        // Where the format allows an array (a shape), a nested one is refused at its first bracket.
        var e = Assert.Throws<GraphFormatException>(() =>
            GraphJson.Deserialize(Doc("{\"id\":2,\"kind\":\"constant\",\"value\":2,\"shape\":" + new string('[', 100_000))));
        Assert.Equal("$.nodes[2].shape", e.Path);
        Assert.Contains("a dimension must be a positive integer", e.Problem);

        var nested = Assert.Throws<GraphFormatException>(() =>
            GraphJson.Deserialize("{\"format\":" + new string('{', 50) + "}"));
        Assert.Equal("$.format", nested.Path);
    }

    [Fact]
    public void LineAndColumnPointAtTheOffendingToken()
    {
        var json = "{\n  \"format\": \"functionalad.graph\",\n  \"version\": 1,\n  \"nodes\": [\n"
                 + "    {\"id\": 0, \"kind\": \"input\", \"name\": \"x\"},\n"
                 + "    {\"id\": 1, \"kind\": \"apply\", \"primitive\": \"sin\", \"args\": [7]}\n"
                 + "  ],\n  \"output\": 1\n}";
        var e = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.Equal("$.nodes[1].args[0]", e.Path);
        Assert.Equal(6, e.Line);
        Assert.Equal(json.Split('\n')[5].IndexOf('7') + 1, e.Column);
        Assert.Contains("line 6", e.Message);

        var syntax = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json.Replace("\"sin\",", "\"sin\" ")));
        Assert.Equal(6, syntax.Line);
        Assert.NotNull(syntax.InnerException);
    }

    [Fact]
    public void LimitsOnNodesStringsAndBytesAreEnforced()
    {
        var chain = GraphJson.Serialize(Enumerable.Range(0, 10).Aggregate(Expr.Input("x"), (e, _) => Expr.Sin(e)));
        Assert.Equal(11, Graph.NodeCount(GraphJson.Deserialize(chain, new GraphJsonLimits { MaxNodes = 11 })));
        var nodes = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(chain, new GraphJsonLimits { MaxNodes = 10 }));
        Assert.Contains("more than the limit of 10 nodes", nodes.Problem);
        Assert.Equal("$.nodes[10]", nodes.Path);

        var longName = GraphJson.Serialize(Expr.Input(new string('n', 2000)));
        var name = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(longName));
        Assert.Contains("longer than the limit of 1024", name.Problem);
        Assert.Equal("$.nodes[0].name", name.Path);
        var escaped = longName.Replace(new string('n', 2000), string.Concat(Enumerable.Repeat("\\u006e", 2000)));
        Assert.Contains("longer than the limit", Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(escaped)).Problem);
        Assert.Equal(2000, ((InputNode)GraphJson.Deserialize(longName, new GraphJsonLimits { MaxStringLength = 2000 })).Name.Length);

        var bytes = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(chain, new GraphJsonLimits { MaxDocumentBytes = 100 }));
        Assert.Contains("larger than the limit of 100 bytes", bytes.Problem);
        var longProperty = "{\"" + new string('p', 5000) + "\":1}";
        Assert.Contains("longer than the limit", Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(longProperty)).Problem);
    }

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        var json = Encoding.UTF8.GetBytes(GraphJson.Serialize(Expr.Input("abc")));
        var at = Array.IndexOf(json, (byte)'b');
        json[at] = 0xFF;
        var e = Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(json));
        Assert.Equal("$.nodes[0].name", e.Path);
        Assert.Equal("x", ((InputNode)GraphJson.Deserialize(Encoding.UTF8.GetBytes(GraphJson.Serialize(Expr.Input("x"))))).Name);
    }

    [Fact]
    public void NodesTheOutputDoesNotUseAreCheckedButLeftOut()
    {
        var graph = GraphJson.Deserialize(Doc(Apply(2, "sin", "1")));
        Assert.Equal(Expr.Sin(Expr.Input("x")), graph);
        Assert.Equal(new[] { "x" }, Graph.Inputs(graph));
        Assert.Throws<GraphFormatException>(() => GraphJson.Deserialize(Doc(Apply(2, "sin", "1") + "," + Apply(3, "cos", "8"))));
    }

    [Fact]
    public void IdsNeedNotBePositionsAndAnEmptyShapeIsAScalar()
    {
        var json = $"{{{Header},\"nodes\":[{{\"id\":40,\"kind\":\"input\",\"name\":\"x\",\"shape\":[]}},"
                 + "{\"kind\":\"apply\",\"args\":[40,40],\"primitive\":\"mul\",\"id\":7}],\"output\":7}";
        var x = Expr.Input("x");
        var graph = GraphJson.Deserialize(json);
        Assert.Equal(x * x, graph);
        Assert.Equal(2, Graph.NodeCount(graph)); // x is one shared node
    }

    [Fact]
    public void ParameterDocumentsRejectNaNUnlessAllowed()
    {
        var json = "{\"format\":\"functionalad.parameters\",\"version\":1,\"kind\":\"bindings\",\"entries\":[{\"name\":\"w\",\"value\":\"NaN\"}]}";
        var e = Assert.Throws<GraphFormatException>(() => ParameterJson.DeserializeBindings(json));
        Assert.Contains("NaN and infinities are not allowed", e.Problem);
        Assert.Equal("$.entries[0].value", e.Path);
        Assert.True(double.IsNaN(ParameterJson.DeserializeBindings(json, allowNonFinite: true)["w"]));

        var write = Assert.Throws<ArgumentException>(() => ParameterJson.Serialize(Bindings.Of(("a", 1.0), ("w", double.PositiveInfinity))));
        Assert.Contains("'w'", write.Message);
        Assert.Contains("Infinity", write.Message);
    }

    public static TheoryData<string, string, string, string> MalformedParameters => new()
    {
        { "graph document", "{\"format\":\"functionalad.graph\",\"version\":1}", "not 'functionalad.parameters'", "$.format" },
        { "wrong kind", P("\"kind\":\"gradient\",\"entries\":[]"), "holds 'gradient', not 'bindings'", "$.kind" },
        { "missing kind", P("\"entries\":[]"), "'kind' is missing", "$" },
        { "missing entries", P("\"kind\":\"bindings\""), "'entries' is missing", "$" },
        { "duplicate name", P("\"kind\":\"bindings\",\"entries\":[{\"name\":\"w\",\"value\":1},{\"name\":\"b\",\"value\":1},{\"name\":\"w\",\"value\":2}]"), "'w' is given twice (entries[0]", "$.entries[2].name" },
        { "entry without value", P("\"kind\":\"bindings\",\"entries\":[{\"name\":\"w\"}]"), "no value", "$.entries[0]" },
        { "entry without name", P("\"kind\":\"bindings\",\"entries\":[{\"value\":1}]"), "no name", "$.entries[0]" },
        { "empty name", P("\"kind\":\"bindings\",\"entries\":[{\"name\":\"\",\"value\":1}]"), "must not be empty", "$.entries[0].name" },
        { "infinite literal", P("\"kind\":\"bindings\",\"entries\":[{\"name\":\"w\",\"value\":-1e999}]"), "out of the range", "$.entries[0].value" },
        { "tensor entry with one number", P("\"kind\":\"bindings\",\"entries\":[{\"name\":\"w\",\"value\":1,\"shape\":[2]}]"), "an entry of shape 2 needs its 2 elements as an array", "$.entries[0].value" },
        { "unknown entry property", P("\"kind\":\"bindings\",\"entries\":[{\"name\":\"w\",\"value\":1,\"grad\":0}]"), "unknown entry property 'grad'", "$.entries[0].grad" },
    };

    private static string P(string rest) => "{\"format\":\"functionalad.parameters\",\"version\":1," + rest + "}";

    [Theory]
    [MemberData(nameof(MalformedParameters))]
    public void AMalformedParameterDocumentIsRejectedWithItsPlace(string name, string json, string problem, string path)
    {
        var e = Assert.Throws<GraphFormatException>(() => ParameterJson.DeserializeBindings(json));
        Assert.True(e.Problem.Contains(problem, StringComparison.Ordinal), $"{name}: the problem is \"{e.Problem}\"");
        Assert.True(e.Path == path, $"{name}: the path is {e.Path}, problem \"{e.Problem}\"");
    }

    [Fact]
    public void NullArgumentsAreNamed()
    {
        Assert.Equal("graph", Assert.Throws<ArgumentNullException>(() => GraphJson.Serialize(null!)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => GraphJson.Deserialize((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => GraphJson.Load(null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => GraphJson.Save(Expr.Input("x"), null!)).ParamName);
        Assert.Equal("bindings", Assert.Throws<ArgumentNullException>(() => ParameterJson.Serialize((Bindings)null!)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentNullException>(() => ParameterJson.Serialize((Gradient)null!)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => ParameterJson.DeserializeBindings(null!)).ParamName);
        Assert.Equal("bindings", Assert.Throws<ArgumentNullException>(() => ParameterJson.Save((Bindings)null!, "unused.json")).ParamName);
        Assert.False(File.Exists("unused.json"));
    }
}
