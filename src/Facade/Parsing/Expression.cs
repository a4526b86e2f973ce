using System.Collections.Immutable;
using Superpower;
using Superpower.Model;

namespace FunctionalAD;

/// <summary>
/// Reads expressions written as text into graphs: numbers (<c>2</c>, <c>0.5</c>, <c>1e-3</c>), names (inputs),
/// <c>+ - * / ^</c>, unary minus, parentheses, and every primitive of <see cref="Primitives.All"/> called
/// by its name, such as <c>sin(x)</c>, <c>sigmoid(x)</c> or <c>max(a, b)</c>. <c>^</c> binds tightest and
/// to the right, and <c>-x ^ 2</c> is <c>-(x ^ 2)</c>; a constant exponent makes <see cref="Primitives.PowerOf"/>,
/// any other <see cref="Primitives.Pow"/>. Numbers are finite: a literal that overflows a double is refused, and
/// <c>NaN</c> and <c>Infinity</c> (in any case) are not names.
/// </summary>
/// <example>
/// <code>
/// Expr y = Expression.Parse("w * x + b");      // the same graph as Expr.Input("w") * Expr.Input("x") + Expr.Input("b")
/// Reverse.Grad(Expression.Parse("sin(x) * y ^ 2"), Bindings.Of(("x", 0.0), ("y", 3.0)))["x"];   // 9
/// </code>
/// </example>
public static class Expression
{
    /// <summary>
    /// The functions an expression may call, by name: the primitives of <see cref="Primitives.All"/>, and
    /// <c>where(c, a, b)</c> (<see cref="Primitives.Where"/>: a where c is not 0, b where it is).
    /// </summary>
    public static ImmutableSortedDictionary<string, Primitive> Functions { get; } =
        Primitives.All.Append(Primitives.Where).ToImmutableSortedDictionary(p => p.Name, p => p, StringComparer.Ordinal);

    /// <summary>
    /// The parameterised functions an expression may call, by name: the families of <see cref="Primitives.Families"/>,
    /// called with their arguments and then their parameters as numbers, e.g. <c>elu(x, 1)</c>, <c>leaky_relu(x, 0.01)</c>,
    /// <c>clamp(x, -1, 1)</c>, <c>powc(x, 2)</c>.
    /// </summary>
    public static ImmutableSortedDictionary<string, PrimitiveFamily> Families { get; } =
        Primitives.Families.ToImmutableSortedDictionary(f => f.Name, f => f, StringComparer.Ordinal);

    /// <summary>Reads <paramref name="text"/> into a graph.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ExpressionParseException">
    /// The text is not an expression; the message names the column and what was expected there (an unreadable
    /// character shown whole, with its code point unless it is ASCII), or the unknown function, or the function called
    /// with the wrong number of arguments, or a number that is not finite, or nesting deeper than <see cref="MaxNesting"/>.
    /// </exception>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = ExpressionGrammar.Tokenizer.TryTokenize(text);
        if (!tokens.HasValue)
            throw new ExpressionParseException(tokens.ErrorPosition.Column,
                tokens.ErrorPosition.Absolute < text.Length
                    ? $"unexpected {ExpressionTokenChecks.Character(text, tokens.ErrorPosition.Absolute)}, expected a number, a name, an operator or a parenthesis"
                    : "unexpected end of the text");
        if (tokens.Value.IsAtEnd)
            throw new ExpressionParseException(1, "expected an expression, but the text is empty");
        ExpressionTokenChecks.CheckNumbers(tokens.Value);
        ExpressionTokenChecks.CheckNesting(tokens.Value);
        var result = ExpressionGrammar.Whole.TryParse(tokens.Value);
        if (result.HasValue) return result.Value.Build();

        var at = result.Location;
        var previous = at.Position > 0 ? tokens.Value.ElementAt(at.Position - 1).ToStringValue() : null;
        var column = at.IsAtEnd ? text.TrimEnd().Length + 1 : result.ErrorPosition.Column;
        var found = at.IsAtEnd ? "" : $"unexpected '{at.First().ToStringValue()}', ";
        var after = previous is null ? "" : $" after '{previous}'";
        if (result.Expectations is not { Length: > 0 } expectations)
        {
            // Nothing inside the grammar failed: a whole expression was read and something follows it.
            var could = previous is not null && Functions.ContainsKey(previous)
                ? "'(', an operator or the end of the expression"
                : "an operator or the end of the expression";
            throw new ExpressionParseException(column, $"{found}expected {could}{after}");
        }
        throw new ExpressionParseException(column, $"{found}expected {Describe(expectations)}{after}");
    }

    /// <summary>
    /// The deepest nesting the parser accepts: parentheses and calls, and within them chains of unary minus and
    /// <c>^</c> (the combinators recurse once per level). A long flat sum or product is not nested.
    /// </summary>
    public const int MaxNesting = 256;

    private static string Describe(string[] expectations)
    {
        var distinct = expectations.Distinct().ToArray();
        return distinct.Length == 1 ? distinct[0] : string.Join(", ", distinct[..^1]) + " or " + distinct[^1];
    }
}
