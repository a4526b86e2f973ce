namespace FunctionalAD;

/// <summary>
/// An expression given to <see cref="Expression.Parse"/> could not be read. The message starts with the
/// 1-based column, e.g. <c>column 7: expected an expression after '+'</c>.
/// </summary>
public sealed class ExpressionParseException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="column"/>.</summary>
    /// <param name="column">The 1-based column where the problem is.</param>
    /// <param name="problem">What is wrong, without the column.</param>
    public ExpressionParseException(int column, string problem)
        : base($"column {column}: {problem}")
    {
        Column = column;
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
    }

    /// <summary>The 1-based column where the problem is.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the column.</summary>
    public string Problem { get; }
}
