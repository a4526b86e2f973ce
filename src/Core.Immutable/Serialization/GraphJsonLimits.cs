namespace FunctionalAD;

/// <summary>
/// The limits a reader of FunctionalAD JSON documents enforces, so that a hostile document fails with a
/// <see cref="GraphFormatException"/> instead of exhausting memory. Memory use while reading is bounded by a
/// constant times <see cref="MaxDocumentBytes"/>; nesting is bounded by the format itself (four levels).
/// </summary>
public sealed record GraphJsonLimits
{
    /// <summary>The default limits: 20,000,000 nodes or entries, names of 1,024 characters, shapes of 100,000,000 elements, documents of 1 GiB.</summary>
    public static GraphJsonLimits Default { get; } = new();

    /// <summary>The most nodes a graph document (or entries a parameter document) may hold.</summary>
    public int MaxNodes { get; init; } = 20_000_000;

    /// <summary>The longest input name, primitive name or other string, in UTF-16 characters.</summary>
    public int MaxStringLength { get; init; } = 1024;

    /// <summary>
    /// The most elements a declared shape may have (an input's, a constant's or a node's), so that a few bytes
    /// cannot ask for an enormous tensor when the graph is evaluated.
    /// </summary>
    public int MaxTensorElements { get; init; } = 100_000_000;

    /// <summary>The largest document, in bytes of UTF-8.</summary>
    public long MaxDocumentBytes { get; init; } = 1L << 30;
}
