using System.Text;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// Graphs to and from JSON, in the documented, versioned <c>functionalad.graph</c> format (docs/serialization.md):
/// the distinct nodes as a flat list in topological order with integer ids, arguments by id, primitives by
/// catalogue name. A round trip is exact: the graph read back is structurally equal to the one written,
/// shares the same nodes, and gives bit-identical values and derivatives. Reading rejects a malformed or
/// hostile document with a <see cref="GraphFormatException"/>, within the limits of <see cref="GraphJsonLimits"/>.
/// </summary>
public static class GraphJson
{
    /// <summary>The document format's name, the value of its <c>format</c> property.</summary>
    public const string Format = GraphJsonWriter.Format;

    /// <summary>The format version this library writes and reads.</summary>
    public const int Version = GraphJsonWriter.Version;

    /// <summary>The graph as a JSON document.</summary>
    /// <param name="graph">The graph to write.</param>
    /// <param name="indented">Whether to indent the document for reading by people.</param>
    /// <example><code>GraphJson.Serialize(w * x + b)   // {"format":"functionalad.graph","version":1,"nodes":[…],"output":4}</code></example>
    public static string Serialize(Expr graph, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        using var buffer = new MemoryStream();
        Write(graph, buffer, indented);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the graph as a JSON document (UTF-8) to <paramref name="stream"/>.</summary>
    public static void Write(Expr graph, Stream stream, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        GraphJsonWriter.Write(graph, writer);
    }

    /// <summary>The graph a JSON document describes.</summary>
    /// <param name="json">The document.</param>
    /// <param name="limits">The limits to enforce; <see cref="GraphJsonLimits.Default"/> when null.</param>
    /// <exception cref="GraphFormatException">The document is not a valid graph document, or breaks a limit.</exception>
    public static Expr Deserialize(string json, GraphJsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= GraphJsonLimits.Default;
        return GraphJsonReader.Read(JsonCursor.Utf8(json, limits), limits, null);
    }

    /// <summary>The graph a JSON document in UTF-8 describes.</summary>
    /// <exception cref="GraphFormatException">The document is not a valid graph document, or breaks a limit.</exception>
    public static Expr Deserialize(ReadOnlySpan<byte> utf8Json, GraphJsonLimits? limits = null) =>
        GraphJsonReader.Read(SkipBom(utf8Json), limits ?? GraphJsonLimits.Default, null);

    /// <summary>
    /// The graph a JSON document describes, which may name the primitives of one's own in <paramref name="primitives"/>
    /// (user primitives and custom derivatives; a name neither the catalogue nor the registry knows is an error naming it).
    /// </summary>
    /// <exception cref="GraphFormatException">The document is not a valid graph document, or breaks a limit.</exception>
    public static Expr Deserialize(string json, PrimitiveRegistry primitives, GraphJsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(primitives);
        limits ??= GraphJsonLimits.Default;
        return GraphJsonReader.Read(JsonCursor.Utf8(json, limits), limits, null, primitives);
    }

    /// <summary>
    /// Saves the graph to <paramref name="path"/> atomically: the document is written to a temporary file in
    /// the same folder, flushed to disk, and renamed over the target, so the file holds either its previous
    /// content or the whole new document, never a part.
    /// </summary>
    public static void Save(Expr graph, string path, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        AtomicFile.Write(path, stream => Write(graph, stream, indented));
    }

    /// <summary>The graph saved in the file at <paramref name="path"/>.</summary>
    /// <exception cref="GraphFormatException">The file is not a valid graph document, or breaks a limit; the exception names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Expr Load(string path, GraphJsonLimits? limits = null) => Load(path, PrimitiveRegistry.Empty, limits);

    /// <summary>The graph saved in the file at <paramref name="path"/>, which may name the primitives of one's own in <paramref name="primitives"/>.</summary>
    /// <exception cref="GraphFormatException">The file is not a valid graph document, or breaks a limit; the exception names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Expr Load(string path, PrimitiveRegistry primitives, GraphJsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(primitives);
        limits ??= GraphJsonLimits.Default;
        var bytes = ReadFile(path, limits);
        try
        {
            return GraphJsonReader.Read(SkipBom(bytes), limits, path, primitives);
        }
        catch (GraphFormatException e) when (e.File is null)
        {
            throw e.InFile(path);
        }
    }

    /// <summary>The bytes of a file, refusing one larger than the limit before reading it.</summary>
    internal static byte[] ReadFile(string path, GraphJsonLimits limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > limits.MaxDocumentBytes)
            throw new GraphFormatException($"the file has {stream.Length} bytes, more than the limit of {limits.MaxDocumentBytes}", "$", 0, 0, path);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    internal static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
}
