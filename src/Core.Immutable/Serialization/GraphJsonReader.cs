using System.Collections.Immutable;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// Reads a <c>functionalad.graph</c> document in two passes: the first reads every node's fields with a
/// streaming reader and checks each node on its own (kind, names, primitive, arity, duplicate id); the second
/// resolves argument ids, which must name nodes listed earlier, and builds the graph from the leaves up.
/// Neither pass recurses, so a chain of any length loads; memory is linear in the document's size.
/// </summary>
internal static class GraphJsonReader
{
    private const int MaxParameters = 16;

    private enum Kind : byte { None, Constant, Input, Apply, Operation, Loop }

    /// <summary>The most arguments a node may list: a loop takes its initial carry and one per input its body reads.</summary>
    private const int MaxArguments = 4096;

    [Flags]
    private enum Seen
    {
        None = 0, Id = 1, Kind = 2, Value = 4, Name = 8, Primitive = 16, Parameters = 32, Args = 64, Shape = 128,
        Operation = 256, Axis = 512, Start = 1024, Count = 2048, Index = 4096, Loop = 8192, Carry = 16384, Slice = 32768, Bodies = 65536,
    }

    /// <summary>One node as read, before its arguments are resolved.</summary>
    private struct Raw
    {
        public int Id;
        public Kind Kind;
        public double Value;
        public string? Name;
        public Primitive? Primitive;
        public int ArgCount;
        public int First, Second, Third;
        public long FirstOffset, SecondOffset, ThirdOffset;
        public long Offset;

        // The tensor properties live apart, made on first use, so that a scalar node costs only one reference more.
        private TensorPart? tensor;

        public Shape? Shape { readonly get => tensor?.Shape; set => (tensor ??= new()).Shape = value; }
        public long ShapeOffset { readonly get => tensor?.ShapeOffset ?? 0; set => (tensor ??= new()).ShapeOffset = value; }
        public double[]? Elements { readonly get => tensor?.Elements; set => (tensor ??= new()).Elements = value; }
        public string? Operation { readonly get => tensor?.Operation; set => (tensor ??= new()).Operation = value; }
        public OperationParameters Parameters { readonly get => tensor?.Parameters ?? default; set => (tensor ??= new()).Parameters = value; }

        // A loop's properties, and arguments past the third, live apart too.
        private LoopPart? loop;

        public LoopPart Loop => loop ??= new();
    }

    /// <summary>A loop node's properties as read, and the arguments of any node past its third (ids and offsets).</summary>
    private sealed class LoopPart
    {
        public string? Name;
        public string? Carry;
        public string? Slice;
        public int Count;
        public List<int> Bodies = [];
        public long BodiesOffset;
        public List<(int Id, long Offset)> MoreArgs = [];
    }

    /// <summary>A node's tensor properties as read: its declared shape, a constant's elements, an operation.</summary>
    private sealed class TensorPart
    {
        public Shape? Shape;
        public long ShapeOffset;
        public double[]? Elements;
        public string? Operation;
        public OperationParameters Parameters;
    }

    public static Expr Read(ReadOnlySpan<byte> document, GraphJsonLimits limits, string? file, PrimitiveRegistry? primitives = null)
    {
        var cursor = new JsonCursor(document, limits, file, primitives);
        cursor.Read();
        cursor.Expect(JsonTokenType.StartObject, "a JSON object");
        Header(ref cursor, GraphJsonWriter.Format, GraphJsonWriter.Version);

        List<Raw>? nodes = null;
        Dictionary<int, int>? index = null;
        List<Expr>? bodies = null;
        int? output = null;
        long outputOffset = 0;
        while (cursor.NextProperty(out var property))
        {
            switch (property)
            {
                case "nodes" when nodes is null:
                    (nodes, index) = Nodes(ref cursor, "$.nodes");
                    break;
                case "bodies" when bodies is null && nodes is null:
                    bodies = Bodies(ref cursor);
                    break;
                case "bodies" when nodes is not null:
                    throw cursor.Fail("the loop bodies must come before the nodes that use them");
                case "output" when output is null:
                    output = cursor.GetId("the output");
                    outputOffset = cursor.Offset;
                    break;
                case "nodes" or "output" or "bodies":
                    throw cursor.Fail($"the property '{property}' is given twice");
                default:
                    throw cursor.Fail($"unknown property '{property}'; a graph document has format, version, bodies (of loops), nodes and output");
            }
            cursor.Property = null;
        }
        cursor.ReadEnd();
        if (nodes is null || index is null) throw cursor.FailAt("the property 'nodes' is missing", "$", 0);
        if (output is null) throw cursor.FailAt("the property 'output' is missing: which node is the graph's result?", "$", 0);
        if (!index.TryGetValue(output.Value, out var root))
            throw cursor.FailAt($"the output is id {output.Value}, but no node has that id", "$.output", outputOffset);
        return Build(ref cursor, nodes, index, bodies ?? [], "$.nodes")[root];
    }

    /// <summary>The loop bodies: graphs of their own nodes and output, each using only bodies listed before it.</summary>
    private static List<Expr> Bodies(ref JsonCursor cursor)
    {
        cursor.Expect(JsonTokenType.StartArray, "an array of loop bodies");
        var bodies = new List<Expr>();
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray) break;
            var section = $"$.bodies[{bodies.Count}]";
            cursor.Expect(JsonTokenType.StartObject, "a loop body (an object with nodes and output)");
            var start = cursor.Offset;
            List<Raw>? nodes = null;
            Dictionary<int, int>? index = null;
            int? output = null;
            long outputOffset = 0;
            while (cursor.NextProperty(out var property))
            {
                switch (property)
                {
                    case "nodes" when nodes is null:
                        (nodes, index) = Nodes(ref cursor, section + ".nodes");
                        break;
                    case "output" when output is null:
                        output = cursor.GetId("the output");
                        outputOffset = cursor.Offset;
                        break;
                    default:
                        throw cursor.Fail($"unknown or repeated property '{property}' of a loop body; a body has nodes and output");
                }
                cursor.Property = null;
            }
            if (nodes is null || index is null) throw cursor.FailAt("the body's property 'nodes' is missing", section, start);
            if (output is null) throw cursor.FailAt("the body's property 'output' is missing", section, start);
            if (!index.TryGetValue(output.Value, out var root))
                throw cursor.FailAt($"the body's output is id {output.Value}, but no node has that id", section + ".output", outputOffset);
            bodies.Add(Build(ref cursor, nodes, index, bodies, section + ".nodes")[root]);
        }
        return bodies;
    }

    /// <summary>Checks that the first two properties say which format and version the document holds.</summary>
    internal static void Header(ref JsonCursor cursor, string format, int version)
    {
        cursor.Read();
        if (cursor.Token != JsonTokenType.PropertyName || cursor.GetPropertyName() != "format")
            throw cursor.Fail($"the first property must be \"format\": \"{format}\"");
        cursor.Property = "format";
        cursor.Read();
        var actual = cursor.GetString("the format");
        if (actual != format) throw cursor.Fail($"the format is '{actual}', not '{format}'");
        cursor.Property = null;
        cursor.Read();
        if (cursor.Token != JsonTokenType.PropertyName || cursor.GetPropertyName() != "version")
            throw cursor.Fail($"the second property must be \"version\": {version}");
        cursor.Property = "version";
        cursor.Read();
        if (cursor.Token != JsonTokenType.Number || !cursor.TryGetExactInt(out var v) || v != version)
            throw cursor.Fail($"this reader reads version {version} of '{format}' documents, found {(cursor.Token == JsonTokenType.Number ? "version " + cursor.RawText : JsonCursor.Describe(cursor.Token))}");
        cursor.Property = null;
    }

    private static (List<Raw>, Dictionary<int, int>) Nodes(ref JsonCursor cursor, string section)
    {
        cursor.Expect(JsonTokenType.StartArray, "an array of nodes");
        cursor.Section = section;
        cursor.Property = null;
        var nodes = new List<Raw>();
        var index = new Dictionary<int, int>();
        while (true)
        {
            cursor.Item = nodes.Count;
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray) break;
            if (nodes.Count >= cursor.Limits.MaxNodes) throw cursor.Fail($"the graph has more than the limit of {cursor.Limits.MaxNodes} nodes");
            var start = cursor.Offset;
            var node = Node(ref cursor);
            if (!index.TryAdd(node.Id, nodes.Count))
                throw cursor.FailAt($"duplicate id {node.Id}: nodes[{index[node.Id]}] has it already", cursor.Path + ".id", start);
            nodes.Add(node);
        }
        cursor.Section = "$";
        cursor.Item = -1;
        return (nodes, index);
    }

    private static Raw Node(ref JsonCursor cursor)
    {
        cursor.Expect(JsonTokenType.StartObject, "a node object");
        var start = cursor.Offset;
        var raw = new Raw { First = -1, Second = -1, Third = -1, Offset = start };
        int? axis = null, sliceStart = null, count = null, index = null;
        long valueOffset = 0, operationOffset = 0;
        var seen = Seen.None;
        string? primitiveName = null;
        long primitiveOffset = 0;
        var parameters = ImmutableArray<double>.Empty;
        while (true)
        {
            cursor.Property = null;
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndObject) break;
            var property = cursor.GetPropertyName();
            var flag = property switch
            {
                "id" => Seen.Id, "kind" => Seen.Kind, "value" => Seen.Value, "name" => Seen.Name,
                "primitive" => Seen.Primitive, "parameters" => Seen.Parameters, "args" => Seen.Args, "shape" => Seen.Shape,
                "operation" => Seen.Operation, "axis" => Seen.Axis, "start" => Seen.Start, "count" => Seen.Count, "index" => Seen.Index,
                "loop" => Seen.Loop, "carry" => Seen.Carry, "slice" => Seen.Slice, "bodies" => Seen.Bodies,
                _ => throw cursor.Fail($"unknown node property '{property}'"),
            };
            if ((seen & flag) != 0) throw cursor.Fail($"the property '{property}' is given twice");
            seen |= flag;
            cursor.Property = property;
            cursor.Read();
            switch (flag)
            {
                case Seen.Id:
                    raw.Id = cursor.GetId("an id");
                    break;
                case Seen.Kind:
                    raw.Kind = cursor.GetString("the kind") switch
                    {
                        "constant" => Kind.Constant,
                        "input" => Kind.Input,
                        "apply" => Kind.Apply,
                        "operation" => Kind.Operation,
                        "loop" => Kind.Loop,
                        var other => throw cursor.Fail($"unknown node kind '{other}'; version 1 has constant, input, apply, operation and loop"),
                    };
                    break;
                case Seen.Value:
                    valueOffset = cursor.Offset;
                    if (cursor.Token == JsonTokenType.StartArray) raw.Elements = Elements(ref cursor);
                    else raw.Value = cursor.GetNumber("a constant's value", allowNonFinite: true);
                    break;
                case Seen.Name:
                    raw.Name = cursor.GetString("an input name");
                    if (string.IsNullOrWhiteSpace(raw.Name)) throw cursor.Fail("an input name must not be empty or white space");
                    break;
                case Seen.Primitive:
                    primitiveOffset = cursor.Offset;
                    primitiveName = cursor.GetString("a primitive name");
                    break;
                case Seen.Parameters:
                    parameters = Parameters(ref cursor);
                    break;
                case Seen.Args:
                    Args(ref cursor, ref raw);
                    break;
                case Seen.Shape:
                    raw.ShapeOffset = cursor.Offset;
                    raw.Shape = Shape(ref cursor);
                    break;
                case Seen.Operation:
                    operationOffset = cursor.Offset;
                    raw.Operation = cursor.GetString("an operation name");
                    break;
                case Seen.Axis:
                    axis = Integer(ref cursor, "an axis");
                    break;
                case Seen.Start:
                    sliceStart = Integer(ref cursor, "a start");
                    break;
                case Seen.Count:
                    count = Integer(ref cursor, "a count");
                    break;
                case Seen.Index:
                    index = Integer(ref cursor, "an index");
                    break;
                case Seen.Loop:
                    raw.Loop.Name = cursor.GetString("a loop's name");
                    if (raw.Loop.Name is not ("fold" or "while" or "scan")) throw cursor.Fail($"unknown loop '{raw.Loop.Name}'; there are fold, while and scan");
                    break;
                case Seen.Carry:
                    raw.Loop.Carry = cursor.GetString("a carry's name");
                    if (string.IsNullOrWhiteSpace(raw.Loop.Carry)) throw cursor.Fail("a carry's name must not be empty or white space");
                    break;
                case Seen.Slice:
                    raw.Loop.Slice = cursor.GetString("a slice's name");
                    if (string.IsNullOrWhiteSpace(raw.Loop.Slice)) throw cursor.Fail("a slice's name must not be empty or white space");
                    break;
                case Seen.Bodies:
                    raw.Loop.BodiesOffset = cursor.Offset;
                    cursor.Expect(JsonTokenType.StartArray, "an array of body positions");
                    while (true)
                    {
                        cursor.Read();
                        if (cursor.Token == JsonTokenType.EndArray) break;
                        if (raw.Loop.Bodies.Count == 2) throw cursor.Fail("a loop has at most two bodies");
                        raw.Loop.Bodies.Add(cursor.GetId("a body's position"));
                    }
                    break;
            }
        }
        cursor.Property = null;
        if ((seen & Seen.Id) == 0) throw cursor.FailAt("the node has no id", cursor.Path, start);
        var (required, allowed) = raw.Kind switch
        {
            Kind.Constant => (Seen.Value, Seen.Value),
            Kind.Input => (Seen.Name, Seen.Name),
            Kind.Apply => (Seen.Primitive | Seen.Args, Seen.Primitive | Seen.Parameters | Seen.Args),
            Kind.Operation => (Seen.Operation | Seen.Args, Seen.Operation | Seen.Args | Seen.Axis | Seen.Start | Seen.Count | Seen.Index | Seen.Parameters),
            Kind.Loop => (Seen.Loop | Seen.Count | Seen.Carry | Seen.Bodies | Seen.Args, Seen.Loop | Seen.Count | Seen.Carry | Seen.Slice | Seen.Bodies | Seen.Args),
            _ => throw cursor.FailAt("the node has no kind (constant, input, apply, operation or loop)", cursor.Path, start),
        };
        var kindName = raw.Kind switch
        {
            Kind.Constant => "a constant", Kind.Input => "an input", Kind.Apply => "an apply", Kind.Loop => "a loop", _ => "an operation",
        };
        var extra = seen & ~(allowed | Seen.Id | Seen.Kind | Seen.Shape);
        if (extra != 0) throw cursor.FailAt($"{kindName} node has no property '{extra.ToString().ToLowerInvariant()}'", cursor.Path, start);
        var missing = required & ~seen;
        if (missing != 0) throw cursor.FailAt($"{kindName} node needs the property '{missing.ToString().ToLowerInvariant()}'", cursor.Path, start);
        if (raw.Kind == Kind.Apply)
        {
            var (primitive, problem) = PrimitiveNames.Resolve(primitiveName!, parameters);
            if (primitive is null)
            {
                var (registered, registryProblem) = cursor.Primitives.Resolve(primitiveName!, parameters, raw.ArgCount);
                (primitive, problem) = registered is not null || registryProblem is not null
                    ? (registered, registryProblem)
                    : (null, problem + "; a primitive of one's own is read when it is registered (GraphJson.Deserialize(json, PrimitiveRegistry.Of(…)))");
            }
            if (primitive is null) throw cursor.FailAt(problem!, cursor.Path + ".primitive", primitiveOffset);
            if (primitive.Arity != raw.ArgCount)
                throw cursor.FailAt($"primitive '{primitive.Name}' takes {primitive.Arity} argument(s), found {raw.ArgCount}", cursor.Path + ".args", start);
            raw.Primitive = primitive;
        }
        if (raw.Kind == Kind.Operation)
        {
            raw.Parameters = new OperationParameters(axis, sliceStart, count, index, (seen & Seen.Parameters) != 0 ? parameters : null);
            var (arity, problem) = OperationNames.Check(raw.Operation!, raw.Parameters, raw.Shape is not null);
            if (problem is not null) throw cursor.FailAt(problem, cursor.Path + ".operation", operationOffset);
            if (arity != raw.ArgCount)
                throw cursor.FailAt($"operation '{raw.Operation}' takes {arity} argument(s), found {raw.ArgCount}", cursor.Path + ".args", start);
        }
        if (raw.Kind == Kind.Loop)
        {
            raw.Loop.Count = count!.Value;
            var bodies = raw.Loop.Name == "scan" ? 2 : 1;
            if (raw.Loop.Bodies.Count != bodies)
                throw cursor.FailAt($"a {raw.Loop.Name} loop has {bodies} bod{(bodies == 1 ? "y" : "ies")}, found {raw.Loop.Bodies.Count}", cursor.Path + ".bodies", raw.Loop.BodiesOffset);
        }
        if (raw.Kind == Kind.Constant)
        {
            var shape = raw.Shape ?? FunctionalAD.Shape.Scalar;
            if (shape.Rank > 2)
                throw cursor.FailAt($"a constant of shape {shape} has rank {shape.Rank}; values of rank above 2 are not supported yet", cursor.Path + ".shape", raw.ShapeOffset);
            if (raw.Elements is null && !shape.IsScalar)
                throw cursor.FailAt($"a constant of shape {shape} needs its {shape.Count} elements as an array", cursor.Path + ".value", valueOffset);
            if (raw.Elements is not null && shape.IsScalar)
                throw cursor.FailAt("a constant with an array of elements needs its shape (a scalar's value is a number)", cursor.Path + ".shape", start);
            if (raw.Elements is not null && raw.Elements.Length != shape.Count)
                throw cursor.FailAt($"a constant of shape {shape} has {shape.Count} elements, found {raw.Elements.Length}", cursor.Path + ".value", valueOffset);
        }
        return raw;
    }

    private static ImmutableArray<double> Parameters(ref JsonCursor cursor)
    {
        cursor.Expect(JsonTokenType.StartArray, "an array of parameters");
        var parameters = ImmutableArray.CreateBuilder<double>();
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray) return parameters.ToImmutable();
            if (parameters.Count == MaxParameters) throw cursor.Fail($"no primitive takes more than {MaxParameters} parameters");
            parameters.Add(cursor.GetNumber("a parameter", allowNonFinite: true));
        }
    }

    private static void Args(ref JsonCursor cursor, ref Raw raw)
    {
        cursor.Expect(JsonTokenType.StartArray, "an array of argument ids");
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray) return;
            var id = cursor.GetId("an argument id");
            switch (raw.ArgCount++)
            {
                case 0: (raw.First, raw.FirstOffset) = (id, cursor.Offset); break;
                case 1: (raw.Second, raw.SecondOffset) = (id, cursor.Offset); break;
                case 2: (raw.Third, raw.ThirdOffset) = (id, cursor.Offset); break;
                case < MaxArguments: raw.Loop.MoreArgs.Add((id, cursor.Offset)); break;
                default: throw cursor.Fail($"too many arguments: no node takes more than {MaxArguments}");
            }
        }
    }

    /// <summary>A shape: [] for a scalar, [n] for a vector, [rows, columns] for a matrix, within the element limit.</summary>
    internal static Shape Shape(ref JsonCursor cursor)
    {
        cursor.Expect(JsonTokenType.StartArray, "a shape (an array of dimensions)");
        var dimensions = new List<int>();
        var elements = 1L;
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray) break;
            if (cursor.Token == JsonTokenType.String && cursor.GetString("a dimension") == "N")
            {
                dimensions.Add(FunctionalAD.Shape.Batch); // the free batch dimension
                continue;
            }
            if (cursor.Token != JsonTokenType.Number || !cursor.TryGetExactInt(out var d) || d < 1)
                throw cursor.Fail($"a dimension must be a positive integer, found {(cursor.Token == JsonTokenType.Number ? cursor.RawText : JsonCursor.Describe(cursor.Token))}");
            dimensions.Add(d);
            // Saturates instead of overflowing: any product past the limit is refused below.
            elements = elements > long.MaxValue / d ? long.MaxValue : elements * d;
        }
        if (elements > cursor.Limits.MaxTensorElements)
            throw cursor.Fail(elements == long.MaxValue
                ? $"the shape has more elements than the limit of {cursor.Limits.MaxTensorElements}"
                : $"the shape has {elements} elements, more than the limit of {cursor.Limits.MaxTensorElements}");
        return FunctionalAD.Shape.Of([.. dimensions]);
    }

    /// <summary>A tensor constant's elements in row-major order; the count is checked against the shape later.</summary>
    internal static double[] Elements(ref JsonCursor cursor, bool allowNonFinite = true)
    {
        var elements = new List<double>();
        while (true)
        {
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray) return [.. elements];
            if (elements.Count >= cursor.Limits.MaxTensorElements)
                throw cursor.Fail($"the constant has more than the limit of {cursor.Limits.MaxTensorElements} elements");
            elements.Add(cursor.GetNumber("an element", allowNonFinite));
        }
    }

    /// <summary>An operation's integer parameter (an axis may be negative: −1 is the last axis).</summary>
    private static int Integer(ref JsonCursor cursor, string what)
    {
        if (cursor.Token != JsonTokenType.Number || !cursor.TryGetExactInt(out var value))
            throw cursor.Fail($"{what} must be an integer, found {(cursor.Token == JsonTokenType.Number ? cursor.RawText : JsonCursor.Describe(cursor.Token))}");
        return value;
    }

    /// <summary>The second pass: every argument id names a node listed earlier; nodes are built from the leaves up.</summary>
    private static Expr[] Build(ref JsonCursor cursor, List<Raw> nodes, Dictionary<int, int> index, List<Expr> bodies, string section)
    {
        var built = new Expr[nodes.Count];
        for (var i = 0; i < built.Length; i++)
        {
            var raw = nodes[i];
            var path = $"{section}[{i}]";
            try
            {
                built[i] = raw.Kind switch
                {
                    Kind.Loop => Loop(ref cursor, raw, Arguments(ref cursor, nodes, index, i, built), bodies, path),
                    Kind.Constant when raw.Elements is { } elements => Expr.Constant(Kernels.FromRowMajor(raw.Shape!.Value, elements)),
                    Kind.Constant => Expr.Constant(raw.Value),
                    Kind.Input => Expr.Input(raw.Name!, raw.Shape ?? FunctionalAD.Shape.Scalar),
                    Kind.Operation => OperationNames.Build(raw.Operation!, raw.Parameters, raw.Shape ?? default,
                        built[Earlier(ref cursor, nodes, index, i, 0, raw.First, raw.FirstOffset)],
                        raw.ArgCount == 1 ? null : built[Earlier(ref cursor, nodes, index, i, 1, raw.Second, raw.SecondOffset)]),
                    _ => raw.ArgCount switch
                    {
                        1 => Expr.Apply(raw.Primitive!, built[Earlier(ref cursor, nodes, index, i, 0, raw.First, raw.FirstOffset)]),
                        2 => Expr.Apply(raw.Primitive!,
                            built[Earlier(ref cursor, nodes, index, i, 0, raw.First, raw.FirstOffset)],
                            built[Earlier(ref cursor, nodes, index, i, 1, raw.Second, raw.SecondOffset)]),
                        _ => Expr.Apply(raw.Primitive!,
                            built[Earlier(ref cursor, nodes, index, i, 0, raw.First, raw.FirstOffset)],
                            built[Earlier(ref cursor, nodes, index, i, 1, raw.Second, raw.SecondOffset)],
                            built[Earlier(ref cursor, nodes, index, i, 2, raw.Third, raw.ThirdOffset)]),
                    },
                };
            }
            catch (ShapeMismatchException e)
            {
                throw cursor.FailAt($"shape mismatch: {e.Message}", path, raw.Offset);
            }
            catch (ArgumentException e) when (raw.Kind == Kind.Loop)
            {
                throw cursor.FailAt($"the loop cannot be built: {e.Message}", path, raw.Offset);
            }
            // A derived shape (a MatMul of a column by a row) may be far larger than any declared one.
            var made = built[i].Shape;
            var count = made.Rank == 2 ? (long)made[0] * made[1] : made.Rank == 1 ? made[0] : 1;
            if (count > cursor.Limits.MaxTensorElements)
                throw cursor.FailAt($"the node's shape {made} has {count} elements, more than the limit of {cursor.Limits.MaxTensorElements}", path, raw.Offset);
            if (raw.Shape is { } declared && declared != built[i].Shape)
                throw cursor.FailAt($"shape mismatch: the node declares shape {declared}, but its arguments give {built[i].Shape}", path + ".shape", raw.ShapeOffset);
        }
        return built;
    }

    /// <summary>Every argument of node <paramref name="user"/>, built.</summary>
    private static Expr[] Arguments(ref JsonCursor cursor, List<Raw> nodes, Dictionary<int, int> index, int user, Expr[] built)
    {
        var raw = nodes[user];
        var arguments = new Expr[raw.ArgCount];
        for (var k = 0; k < arguments.Length; k++)
        {
            var (id, offset) = k switch
            {
                0 => (raw.First, raw.FirstOffset),
                1 => (raw.Second, raw.SecondOffset),
                2 => (raw.Third, raw.ThirdOffset),
                _ => raw.Loop.MoreArgs[k - 3],
            };
            arguments[k] = built[Earlier(ref cursor, nodes, index, user, k, id, offset)];
        }
        return arguments;
    }

    /// <summary>A loop node from its bodies (listed before the graph or body that uses them) and its arguments.</summary>
    private static Expr Loop(ref JsonCursor cursor, Raw raw, Expr[] arguments, List<Expr> bodies, string path)
    {
        var loop = raw.Loop;
        Expr Body(ref JsonCursor cursor, int k) =>
            loop.Bodies[k] < bodies.Count
                ? bodies[loop.Bodies[k]]
                : throw cursor.FailAt($"the loop's body {loop.Bodies[k]} is not listed before it (there are {bodies.Count} before it)", path + ".bodies", loop.BodiesOffset);
        if (loop.Count < 0) throw cursor.FailAt($"a loop's count must not be negative, found {loop.Count}", path + ".count", raw.Offset);
        Primitive primitive = loop.Name switch
        {
            "fold" => new FoldPrimitive(Body(ref cursor, 0), loop.Carry!, loop.Count),
            "while" => Body(ref cursor, 0) is ApplyNode { Primitive: WherePrimitive } where
                ? new FoldPrimitive(where, loop.Carry!, loop.Count, where.Argument(0))
                : throw cursor.FailAt("a while loop's body must be where(condition, step, carry)", path + ".bodies", loop.BodiesOffset),
            _ => loop.Count >= 1
                ? new ScanPrimitive(Body(ref cursor, 0), Body(ref cursor, 1), loop.Carry!, loop.Slice, loop.Count)
                : throw cursor.FailAt("a scan takes at least one step", path + ".count", raw.Offset),
        };
        if (primitive.Arity != arguments.Length)
            throw cursor.FailAt($"the {loop.Name} loop takes {primitive.Arity} argument(s) (its initial carry{(loop.Slice is null ? "" : ", its sequence")} and one per input of its bodies), found {arguments.Length}", path + ".args", raw.Offset);
        return Expr.Apply(primitive, arguments);
    }

    /// <summary>The position of argument <paramref name="id"/> of node <paramref name="user"/>, which must come before it.</summary>
    private static int Earlier(ref JsonCursor cursor, List<Raw> nodes, Dictionary<int, int> index, int user, int argument, int id, long offset)
    {
        var path = $"$.nodes[{user}].args[{argument}]";
        if (!index.TryGetValue(id, out var position))
            throw cursor.FailAt($"dangling reference: no node has id {id}", path, offset);
        if (position < user) return position;
        if (position == user)
            throw cursor.FailAt($"a cycle: node {id} is its own argument", path, offset);
        throw cursor.FailAt(
            ReachesBack(nodes, index, position, user)
                ? $"a cycle: node {nodes[user].Id} uses node {id}, which depends on node {nodes[user].Id}"
                : $"a forward reference: node {nodes[user].Id} uses node {id}, which is listed later; arguments must be listed before their users",
            path, offset);
    }

    /// <summary>Whether the node at <paramref name="from"/> depends on the node at <paramref name="target"/> (an iterative search).</summary>
    private static bool ReachesBack(List<Raw> nodes, Dictionary<int, int> index, int from, int target)
    {
        var visited = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(from);
        while (pending.Count > 0)
        {
            var at = pending.Pop();
            if (at == target) return true;
            if (!visited.Add(at)) continue;
            var raw = nodes[at];
            if (raw.ArgCount > 0 && index.TryGetValue(raw.First, out var first)) pending.Push(first);
            if (raw.ArgCount > 1 && index.TryGetValue(raw.Second, out var second)) pending.Push(second);
            if (raw.ArgCount > 2 && index.TryGetValue(raw.Third, out var third)) pending.Push(third);
        }
        return false;
    }
}
