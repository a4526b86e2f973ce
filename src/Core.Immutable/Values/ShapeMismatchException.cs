namespace FunctionalAD;

/// <summary>
/// An operation was given arguments whose shapes it cannot combine, or a binding does not have its input's
/// declared shape. Raised when the graph is built (or bound), never from inside an evaluation.
/// </summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception; <paramref name="message"/> names the operation and the shapes.</summary>
    public ShapeMismatchException(string operation, string message) : base(message) =>
        Operation = operation ?? throw new ArgumentNullException(nameof(operation));

    /// <summary>The operation (or input) whose shapes do not fit.</summary>
    public string Operation { get; }
}
