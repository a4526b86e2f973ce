using System.Text;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// A forward-only reader over a whole FunctionalAD document, wrapping <see cref="Utf8JsonReader"/>: it turns
/// every JSON error into a <see cref="GraphFormatException"/> located by JSON path, line and column, and
/// checks each string against the length limit before decoding it. The reader never recurses, and the
/// document may nest at most <see cref="MaxDepth"/> levels, so depth and memory stay bounded.
/// </summary>
internal ref struct JsonCursor
{
    /// <summary>Objects and arrays nested deeper than this are rejected; the formats need four levels.</summary>
    public const int MaxDepth = 8;

    private readonly ReadOnlySpan<byte> document;
    private readonly string? file;
    private Utf8JsonReader reader;

    public JsonCursor(ReadOnlySpan<byte> document, GraphJsonLimits limits, string? file, PrimitiveRegistry? primitives = null)
    {
        this.document = document;
        this.file = file;
        Limits = limits;
        Primitives = primitives ?? PrimitiveRegistry.Empty;
        reader = new Utf8JsonReader(document, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        if (document.Length > limits.MaxDocumentBytes)
            throw new GraphFormatException($"the document has {document.Length} bytes, more than the limit of {limits.MaxDocumentBytes}", "$", 0, 0, file);
    }

    public GraphJsonLimits Limits { get; }

    /// <summary>The primitives of one's own a graph document may name.</summary>
    public PrimitiveRegistry Primitives { get; }

    /// <summary>Where the cursor is, for error messages: a path such as <c>$.nodes</c> and an item index (−1 for none).</summary>
    public string Section { get; set; } = "$";

    public int Item { get; set; } = -1;

    public string? Property { get; set; }

    public readonly JsonTokenType Token => reader.TokenType;

    /// <summary>The byte offset of the current token, to locate errors found later.</summary>
    public readonly long Offset => reader.TokenStartIndex;

    public readonly string Path => PathOf(Section, Item, Property);

    public static string PathOf(string section, int item, string? property) =>
        (item < 0 ? section : $"{section}[{item}]") + (property is null ? "" : "." + property);

    /// <summary>Moves to the next token; the document must not end here.</summary>
    public void Read()
    {
        bool more;
        try
        {
            more = reader.Read();
        }
        catch (JsonException e)
        {
            throw Syntax(e);
        }
        if (!more) throw FailAt("the document ends too early", Path, document.Length);
    }

    /// <summary>After the root value: only white space may follow.</summary>
    public void ReadEnd()
    {
        try
        {
            if (reader.Read()) throw Fail("unexpected content after the end of the document");
        }
        catch (JsonException e)
        {
            throw Syntax(e);
        }
    }

    public readonly void Expect(JsonTokenType type, string what)
    {
        if (Token != type) throw Fail($"expected {what}, found {Describe(Token)}");
    }

    /// <summary>The current string token, decoded, within the length limit.</summary>
    public readonly string GetString(string what)
    {
        Expect(JsonTokenType.String, what);
        // An escape takes at most 6 bytes per UTF-16 character, so the raw length bounds the decoded one.
        if (reader.ValueSpan.Length > 6L * Limits.MaxStringLength) throw TooLong(what);
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Fail($"{what} is not valid UTF-8");
        }
        return text.Length > Limits.MaxStringLength ? throw TooLong(what) : text;
    }

    /// <summary>
    /// Reads the next property of the current object and moves onto its value, naming it in <see cref="Property"/>
    /// (for error paths); false, and no name, at the end of the object.
    /// </summary>
    public bool NextProperty([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? property)
    {
        Read();
        if (Token == JsonTokenType.EndObject)
        {
            property = null;
            return false;
        }
        property = GetPropertyName();
        Property = property;
        Read();
        return true;
    }

    /// <summary>The current property name, decoded, within the length limit.</summary>
    public readonly string GetPropertyName()
    {
        if (Token != JsonTokenType.PropertyName) throw Fail($"expected a property name, found {Describe(Token)}");
        if (reader.ValueSpan.Length > 6L * Limits.MaxStringLength) throw TooLong("a property name");
        try
        {
            var name = reader.GetString()!;
            return name.Length > Limits.MaxStringLength ? throw TooLong("a property name") : name;
        }
        catch (InvalidOperationException)
        {
            throw Fail("a property name is not valid UTF-8");
        }
    }

    /// <summary>The current token as a non-negative 32-bit integer.</summary>
    public readonly int GetId(string what)
    {
        if (Token != JsonTokenType.Number || !reader.TryGetInt32(out var id) || id < 0)
            throw Fail($"{what} must be a non-negative integer below 2³¹, found {Describe(Token)}");
        return id;
    }

    /// <summary>The current number token as an <see cref="int"/>, if it is one exactly.</summary>
    public readonly bool TryGetExactInt(out int value) => reader.TryGetInt32(out value);

    /// <summary>The current token's raw text, cut to 32 bytes, for error messages.</summary>
    public readonly string RawText
    {
        get
        {
            var span = reader.ValueSpan;
            var text = Encoding.UTF8.GetString(span[..Math.Min(span.Length, 32)]);
            return span.Length > 32 ? text + "…" : text;
        }
    }

    /// <summary>The current token as a double: a JSON number, or (where allowed) a string naming a non-finite value.</summary>
    public readonly double GetNumber(string what, bool allowNonFinite)
    {
        if (Token == JsonTokenType.Number)
        {
            if (reader.TryGetDouble(out var value) && double.IsFinite(value)) return value;
            throw Fail($"{what} is out of the range of a double" + (allowNonFinite ? "; write \"Infinity\" or \"-Infinity\" for an infinite value" : ""));
        }
        if (Token == JsonTokenType.String)
        {
            if (!allowNonFinite) throw Fail($"{what} must be a finite number; NaN and infinities are not allowed here");
            if (reader.ValueSpan.Length <= 32 && JsonNumbers.ParseSpecial(GetString(what)) is { } special) return special;
            throw Fail($"{what} must be a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
        }
        throw Fail($"{what} must be a number, found {Describe(Token)}");
    }

    public readonly GraphFormatException Fail(string problem) => FailAt(problem, Path, reader.TokenStartIndex);

    public readonly GraphFormatException FailAt(string problem, string path, long offset)
    {
        var (line, column) = LineAndColumn(offset);
        return new GraphFormatException(problem, path, line, column, file);
    }

    private readonly GraphFormatException TooLong(string what) =>
        Fail($"{what} is longer than the limit of {Limits.MaxStringLength} characters");

    private readonly GraphFormatException Syntax(JsonException e)
    {
        // The reader's message ends with its own 0-based location; ours is 1-based and kept separately.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        var problem = reader.CurrentDepth >= MaxDepth - 1 && message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? $"the document nests deeper than {MaxDepth} levels"
            : "invalid JSON: " + message;
        return new GraphFormatException(problem, Path, (e.LineNumber ?? -1) + 1, (e.BytePositionInLine ?? -1) + 1, file, e);
    }

    private readonly (long Line, long Column) LineAndColumn(long offset)
    {
        var before = document[..(int)Math.Clamp(offset, 0, document.Length)];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, before.Length - lastNewline);
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.PropertyName => "a property name",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    public static byte[] Utf8(string json, GraphJsonLimits limits)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > limits.MaxDocumentBytes || Encoding.UTF8.GetByteCount(json) > limits.MaxDocumentBytes)
            throw new GraphFormatException($"the document is larger than the limit of {limits.MaxDocumentBytes} bytes", "$", 0, 0);
        return Encoding.UTF8.GetBytes(json);
    }
}
