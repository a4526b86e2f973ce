using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// Writes a graph as a <c>functionalad.graph</c> document: its distinct nodes in topological order, each
/// with its position as id, so a shared node is written once and every argument id points backwards. Tensor
/// nodes add their shape; a tensor constant's value is its elements in row-major order. A graph with loops lists
/// their body graphs first, under <c>bodies</c> (each as its own <c>nodes</c> and <c>output</c>, a body before any body
/// that uses it), and a loop node names its bodies by their positions there.
/// </summary>
internal static class GraphJsonWriter
{
    public const string Format = "functionalad.graph";
    public const int Version = 1;

    // Hand the buffered bytes to the stream every so often, so a large graph is not held twice in memory.
    private const int FlushEvery = 64 * 1024;

    public static void Write(Expr graph, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        var bodies = Bodies(graph);
        if (bodies.Count > 0)
        {
            writer.WriteStartArray("bodies");
            foreach (var body in bodies.Keys)
            {
                writer.WriteStartObject();
                WriteNodes(body, writer, bodies);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        WriteNodes(graph, writer, bodies);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Every loop body of the graph, its bodies' bodies first, each with its position (in insertion order).</summary>
    private static Dictionary<Expr, int> Bodies(Expr graph)
    {
        var positions = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        // Recursion as deep as loops are nested in the code that made them, not as deep as the graph.
        void Collect(Expr g)
        {
            foreach (var node in g.Topology.Nodes)
            {
                if (node is not ApplyNode { Primitive: ILoopPrimitive loop }) continue;
                foreach (var (_, body) in loop.Bodies)
                {
                    if (positions.ContainsKey(body)) continue;
                    Collect(body);
                    positions.TryAdd(body, positions.Count);
                }
            }
        }
        Collect(graph);
        return positions;
    }

    private static void WriteNodes(Expr graph, Utf8JsonWriter writer, Dictionary<Expr, int> bodies)
    {
        var topology = graph.Topology;
        writer.WriteStartArray("nodes");
        for (var i = 0; i < topology.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", i);
            switch (topology.Nodes[i])
            {
                case ConstantNode { Shape.IsScalar: true } c:
                    writer.WriteString("kind", "constant");
                    writer.WritePropertyName("value");
                    JsonNumbers.Write(writer, c.Number);
                    break;
                case ConstantNode t:
                    writer.WriteString("kind", "constant");
                    WriteShape(writer, t.Shape);
                    writer.WriteStartArray("value");
                    foreach (var element in t.Value.ToArray()) JsonNumbers.Write(writer, element);
                    writer.WriteEndArray();
                    break;
                case InputNode input:
                    writer.WriteString("kind", "input");
                    writer.WriteString("name", input.Name);
                    if (!input.Shape.IsScalar) WriteShape(writer, input.Shape);
                    break;
                case ApplyNode { Primitive: TensorOperation operation } o:
                    writer.WriteString("kind", "operation");
                    OperationNames.Write(writer, operation);
                    WriteArgs(writer, topology, i);
                    WriteShape(writer, o.Shape);
                    break;
                case ApplyNode { Primitive: ILoopPrimitive loop } l:
                    writer.WriteString("kind", "loop");
                    WriteLoop(writer, l.Primitive, loop, bodies);
                    WriteArgs(writer, topology, i);
                    if (!l.Shape.IsScalar) WriteShape(writer, l.Shape);
                    break;
                case ApplyNode a:
                    if (!PrimitiveNames.CanName(a.Primitive) && !PrimitiveRegistry.CanRegister(a.Primitive))
                        throw new ArgumentException($"The graph applies '{a.Primitive}', which is neither a catalogue primitive nor one of the user's and cannot be written.", nameof(graph));
                    writer.WriteString("kind", "apply");
                    writer.WriteString("primitive", a.Primitive.Name);
                    if (!a.Primitive.Parameters.IsEmpty)
                    {
                        writer.WriteStartArray("parameters");
                        foreach (var p in a.Primitive.Parameters) JsonNumbers.Write(writer, p);
                        writer.WriteEndArray();
                    }
                    WriteArgs(writer, topology, i);
                    if (!a.Shape.IsScalar) WriteShape(writer, a.Shape);
                    break;
            }
            writer.WriteEndObject();
            if (writer.BytesPending > FlushEvery) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WriteNumber("output", topology.Count - 1);
    }

    /// <summary>A loop's name, count, carry (and a scan's slice) and the positions of its bodies.</summary>
    private static void WriteLoop(Utf8JsonWriter writer, Primitive primitive, ILoopPrimitive loop, Dictionary<Expr, int> bodies)
    {
        writer.WriteString("loop", primitive.Name);
        writer.WriteNumber("count", (int)primitive.Parameters[0]);
        var (carry, slice) = primitive switch
        {
            FoldPrimitive f => (f.Body.Carry, null),
            ScanPrimitive s => (s.Body.Carry, s.Body.Slice),
            _ => throw new ArgumentException($"The graph applies the loop '{primitive.Name}', which cannot be written.", nameof(primitive)),
        };
        writer.WriteString("carry", carry);
        if (slice is not null) writer.WriteString("slice", slice);
        writer.WriteStartArray("bodies");
        foreach (var (_, body) in loop.Bodies) writer.WriteNumberValue(bodies[body]);
        writer.WriteEndArray();
    }

    private static void WriteArgs(Utf8JsonWriter writer, Topology topology, int i)
    {
        writer.WriteStartArray("args");
        foreach (var argument in topology.ArgumentsOf(i)) writer.WriteNumberValue(argument);
        writer.WriteEndArray();
    }

    /// <summary>A shape as the list of its dimensions: [] for a scalar, [n] for a vector, [rows, columns] for a matrix, "N" for the free batch dimension.</summary>
    private static void WriteShape(Utf8JsonWriter writer, Shape shape)
    {
        writer.WriteStartArray("shape");
        for (var axis = 0; axis < shape.Rank; axis++)
        {
            if (shape[axis] == Shape.Batch) writer.WriteStringValue("N"); // the free batch dimension, sized when the graph runs
            else writer.WriteNumberValue(shape[axis]);
        }
        writer.WriteEndArray();
    }
}
