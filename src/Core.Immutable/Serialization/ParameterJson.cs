using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// Parameter sets — <see cref="Bindings"/> (a point, such as trained parameters) and <see cref="Gradient"/>s, scalars
/// as numbers and tensors with their shapes — to and from JSON, in the documented, versioned <c>functionalad.parameters</c> format (docs/serialization.md).
/// Values round-trip bit for bit. NaN and infinities are refused on both sides unless
/// <c>allowNonFinite</c> is set: a parameter that became NaN is a fault to surface, not to save.
/// </summary>
public static class ParameterJson
{
    /// <summary>The document format's name, the value of its <c>format</c> property.</summary>
    public const string Format = "functionalad.parameters";

    /// <summary>The format version this library writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The bindings as a JSON document: each entry with its name and its value, a number for a scalar, or its shape and its elements in row-major order for a tensor.</summary>
    /// <example><code>ParameterJson.Serialize(Bindings.Of(("b", Tensor.Vector(1, 2))))   // entries: [{"name":"b","shape":[2],"value":[1,2]}]</code></example>
    /// <exception cref="ArgumentException">An element is NaN or infinite and <paramref name="allowNonFinite"/> is false; the message names the entry.</exception>
    public static string Serialize(Bindings bindings, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return ToText("bindings", bindings, allowNonFinite);
    }

    /// <summary>The gradient as a JSON document, in the form of <see cref="Serialize(Bindings, bool)"/>.</summary>
    /// <exception cref="ArgumentException">An element is NaN or infinite and <paramref name="allowNonFinite"/> is false; the message names the entry.</exception>
    public static string Serialize(Gradient gradient, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        return ToText("gradient", gradient, allowNonFinite);
    }

    /// <summary>The bindings a JSON document describes, scalars and tensors alike.</summary>
    /// <exception cref="GraphFormatException">The document is not a valid bindings document, or breaks a limit.</exception>
    public static Bindings DeserializeBindings(string json, bool allowNonFinite = false, GraphJsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= GraphJsonLimits.Default;
        var (names, values) = Read(JsonCursor.Utf8(json, limits), "bindings", allowNonFinite, limits, null);
        return Bindings.From(names.Select((n, i) => KeyValuePair.Create(n, values[i])));
    }

    /// <summary>The gradient a JSON document describes, scalars and tensors alike.</summary>
    /// <exception cref="GraphFormatException">The document is not a valid gradient document, or breaks a limit.</exception>
    public static Gradient DeserializeGradient(string json, bool allowNonFinite = false, GraphJsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= GraphJsonLimits.Default;
        var (names, values) = Read(JsonCursor.Utf8(json, limits), "gradient", allowNonFinite, limits, null);
        return new Gradient(names, [.. values]);
    }

    /// <summary>Saves the bindings to <paramref name="path"/> atomically (see <see cref="GraphJson.Save"/>).</summary>
    /// <exception cref="ArgumentException">An element is NaN or infinite and <paramref name="allowNonFinite"/> is false; the file is left as it was.</exception>
    public static void Save(Bindings bindings, string path, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        AtomicFile.Write(path, stream => Write(stream, "bindings", bindings.Names, bindings.Values, allowNonFinite));
    }

    /// <summary>Saves the gradient to <paramref name="path"/> atomically (see <see cref="GraphJson.Save"/>).</summary>
    /// <exception cref="ArgumentException">An element is NaN or infinite and <paramref name="allowNonFinite"/> is false; the file is left as it was.</exception>
    public static void Save(Gradient gradient, string path, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        AtomicFile.Write(path, stream => Write(stream, "gradient", gradient.Names, gradient.Values, allowNonFinite));
    }

    /// <summary>The bindings saved in the file at <paramref name="path"/>, scalars and tensors alike.</summary>
    /// <exception cref="GraphFormatException">The file is not a valid bindings document; the exception names the file.</exception>
    public static Bindings LoadBindings(string path, bool allowNonFinite = false, GraphJsonLimits? limits = null)
    {
        var (names, values) = ReadFile(path, "bindings", allowNonFinite, limits ?? GraphJsonLimits.Default);
        return Bindings.From(names.Select((n, i) => KeyValuePair.Create(n, values[i])));
    }

    /// <summary>The gradient saved in the file at <paramref name="path"/>, scalars and tensors alike.</summary>
    /// <exception cref="GraphFormatException">The file is not a valid gradient document; the exception names the file.</exception>
    public static Gradient LoadGradient(string path, bool allowNonFinite = false, GraphJsonLimits? limits = null)
    {
        var (names, values) = ReadFile(path, "gradient", allowNonFinite, limits ?? GraphJsonLimits.Default);
        return new Gradient(names, [.. values]);
    }

    private static string ToText(string kind, NamedValues values, bool allowNonFinite)
    {
        using var buffer = new MemoryStream();
        Write(buffer, kind, values.Names, values.Values, allowNonFinite);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the entries; a scalar's value is a number, a tensor's value its elements in row-major order after its shape.</summary>
    private static void Write(Stream stream, string kind, ImmutableArray<string> names, ImmutableArray<Tensor> values, bool allowNonFinite)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        writer.WriteString("kind", kind);
        writer.WriteStartArray("entries");
        for (var i = 0; i < names.Length; i++)
        {
            var value = values[i];
            var elements = value.ToArray();
            if (!allowNonFinite && Array.FindIndex(elements, e => !double.IsFinite(e)) is var bad and >= 0)
                throw new ArgumentException(
                    $"The {kind} give '{names[i]}' the value {JsonNumbers.Special(elements[bad])}" +
                    (value.Shape.IsScalar ? "" : $" at element {bad} (row-major)") + "; pass allowNonFinite: true to write it anyway.",
                    kind);
            writer.WriteStartObject();
            writer.WriteString("name", names[i]);
            if (value.Shape.IsScalar)
            {
                writer.WritePropertyName("value");
                JsonNumbers.Write(writer, elements[0]);
            }
            else
            {
                writer.WriteStartArray("shape");
                for (var axis = 0; axis < value.Shape.Rank; axis++) writer.WriteNumberValue(value.Shape[axis]);
                writer.WriteEndArray();
                writer.WriteStartArray("value");
                foreach (var e in elements) JsonNumbers.Write(writer, e);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            if (writer.BytesPending > 64 * 1024) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static (ImmutableArray<string>, Tensor[]) ReadFile(string path, string kind, bool allowNonFinite, GraphJsonLimits limits)
    {
        var bytes = GraphJson.ReadFile(path, limits);
        try
        {
            return Read(GraphJson.SkipBom(bytes), kind, allowNonFinite, limits, path);
        }
        catch (GraphFormatException e) when (e.File is null)
        {
            throw e.InFile(path);
        }
    }

    /// <summary>Reads the entries of a parameter document; returns them sorted by name, with no name twice.</summary>
    private static (ImmutableArray<string>, Tensor[]) Read(
        ReadOnlySpan<byte> document, string kind, bool allowNonFinite, GraphJsonLimits limits, string? file)
    {
        var cursor = new JsonCursor(document, limits, file);
        cursor.Read();
        cursor.Expect(JsonTokenType.StartObject, "a JSON object");
        GraphJsonReader.Header(ref cursor, Format, Version);
        string? actualKind = null;
        List<(string Name, Tensor Value, int Item, long Offset)>? entries = null;
        while (cursor.NextProperty(out var property))
        {
            switch (property)
            {
                case "kind" when actualKind is null:
                    actualKind = cursor.GetString("the kind");
                    if (actualKind != kind) throw cursor.Fail($"the document holds '{actualKind}', not '{kind}'");
                    break;
                case "entries" when entries is null:
                    entries = Entries(ref cursor, allowNonFinite);
                    break;
                case "kind" or "entries":
                    throw cursor.Fail($"the property '{property}' is given twice");
                default:
                    throw cursor.Fail($"unknown property '{property}'; a parameter document has format, version, kind and entries");
            }
            cursor.Property = null;
        }
        cursor.ReadEnd();
        if (actualKind is null) throw cursor.FailAt($"the property 'kind' is missing: say \"{kind}\"", "$", 0);
        if (entries is null) throw cursor.FailAt("the property 'entries' is missing", "$", 0);

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Name == entries[i - 1].Name)
            {
                var (first, second) = entries[i].Item < entries[i - 1].Item ? (entries[i], entries[i - 1]) : (entries[i - 1], entries[i]);
                throw cursor.FailAt($"the name '{second.Name}' is given twice (entries[{first.Item}] has it already)",
                    $"$.entries[{second.Item}].name", second.Offset);
            }
        }
        return ([.. entries.Select(e => e.Name)], [.. entries.Select(e => e.Value)]);
    }

    private static List<(string, Tensor, int, long)> Entries(ref JsonCursor cursor, bool allowNonFinite)
    {
        cursor.Expect(JsonTokenType.StartArray, "an array of entries");
        cursor.Section = "$.entries";
        cursor.Property = null;
        var entries = new List<(string, Tensor, int, long)>();
        while (true)
        {
            cursor.Item = entries.Count;
            cursor.Property = null;
            cursor.Read();
            if (cursor.Token == JsonTokenType.EndArray) break;
            if (entries.Count >= cursor.Limits.MaxNodes) throw cursor.Fail($"the document has more than the limit of {cursor.Limits.MaxNodes} entries");
            cursor.Expect(JsonTokenType.StartObject, "an entry object");
            var start = cursor.Offset;
            string? name = null;
            double? value = null;
            double[]? elements = null;
            long nameOffset = start, valueOffset = start, shapeOffset = start;
            Shape? shape = null;
            while (true)
            {
                cursor.Property = null;
                if (!cursor.NextProperty(out var property)) break;
                switch (property)
                {
                    case "name" when name is null:
                        nameOffset = cursor.Offset;
                        name = cursor.GetString("a name");
                        if (string.IsNullOrWhiteSpace(name)) throw cursor.Fail("a name must not be empty or white space");
                        break;
                    case "value" when value is null && elements is null:
                        valueOffset = cursor.Offset;
                        if (cursor.Token == JsonTokenType.StartArray) elements = GraphJsonReader.Elements(ref cursor, allowNonFinite);
                        else value = cursor.GetNumber("a value", allowNonFinite);
                        break;
                    case "shape" when shape is null:
                        shapeOffset = cursor.Offset;
                        shape = GraphJsonReader.Shape(ref cursor);
                        if (shape.Value.Rank > 2)
                            throw cursor.Fail($"a value of shape {shape.Value} has rank {shape.Value.Rank}; values of rank above 2 are not supported yet");
                        break;
                    case "name" or "value" or "shape":
                        throw cursor.Fail($"the property '{property}' is given twice");
                    default:
                        throw cursor.Fail($"unknown entry property '{property}'; an entry has name, value and (for a tensor) shape");
                }
            }
            cursor.Property = null;
            if (name is null) throw cursor.FailAt("the entry has no name", cursor.Path, start);
            if (value is null && elements is null) throw cursor.FailAt("the entry has no value", cursor.Path, start);
            var entryShape = shape ?? FunctionalAD.Shape.Scalar;
            if (elements is null && !entryShape.IsScalar)
                throw cursor.FailAt($"an entry of shape {entryShape} needs its {entryShape.Count} elements as an array", cursor.Path + ".value", valueOffset);
            if (elements is not null && entryShape.IsScalar)
                throw cursor.FailAt("an entry with an array of elements needs its shape (a scalar's value is a number)", cursor.Path, start);
            if (elements is not null && elements.Length != entryShape.Count)
                throw cursor.FailAt($"an entry of shape {entryShape} has {entryShape.Count} elements, found {elements.Length}", cursor.Path + ".value", valueOffset);
            entries.Add((name, elements is null ? Tensor.Scalar(value!.Value) : Kernels.FromRowMajor(entryShape, elements), entries.Count, nameOffset));
        }
        cursor.Section = "$";
        cursor.Item = -1;
        return entries;
    }
}
