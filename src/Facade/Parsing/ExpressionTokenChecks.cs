using System.Globalization;
using System.Text;
using Superpower.Model;

namespace FunctionalAD;

/// <summary>
/// What <see cref="Expression.Parse"/> checks on the tokens before the grammar runs: that numbers are finite, that the
/// recursive descent stays within <see cref="Expression.MaxNesting"/> levels, and how an unreadable character is shown.
/// </summary>
internal static class ExpressionTokenChecks
{
    // The words double.Parse reads as non-finite numbers (in any case); as names they would print as numbers that are not.
    private static readonly string[] NonFiniteWords = ["NaN", "Infinity"];

    /// <summary>Whether <paramref name="name"/> is NaN or Infinity in any case, which no expression or point may use as a name.</summary>
    public static bool IsNonFiniteWord(string name) => NonFiniteWords.Any(w => string.Equals(w, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Refuses a number literal that overflows a double, and NaN and Infinity where a name stands.</summary>
    public static void CheckNumbers(TokenList<ExpressionToken> tokens)
    {
        foreach (var token in tokens)
        {
            var text = token.ToStringValue();
            if (token.Kind == ExpressionToken.Number && double.IsInfinity(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)))
                throw new ExpressionParseException(token.Span.Position.Column,
                    $"the number '{text}' is too large for a double (at most about 1.8e308); numbers must be finite");
            if (token.Kind == ExpressionToken.Name && IsNonFiniteWord(text))
                throw new ExpressionParseException(token.Span.Position.Column,
                    $"'{text}' is not a name: NaN and Infinity are reserved, since numbers must be finite");
        }
    }

    /// <summary>
    /// Refuses text nested deeper than <see cref="Expression.MaxNesting"/>, before the combinators recurse into it.
    /// The descent recurses once per parenthesis or call, and within one parenthesis once per unary minus and per
    /// <c>^</c> of an unbroken chain; a binary operator or a comma ends the chain, so a flat sum or product of any
    /// length is one level.
    /// </summary>
    public static void CheckNesting(TokenList<ExpressionToken> tokens)
    {
        // chain: the unary minuses and '^' open at the current parenthesis; enclosing: the chains of the levels outside it.
        var enclosing = new Stack<int>();
        var (chain, depth) = (0, 0);
        ExpressionToken? previous = null;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case ExpressionToken.Open:
                    enclosing.Push(chain);
                    (chain, depth) = (0, depth + 1);
                    break;
                case ExpressionToken.Close when enclosing.Count > 0:
                    depth -= chain + 1;
                    chain = enclosing.Pop();
                    break;
                case ExpressionToken.Power:
                case ExpressionToken.Minus when previous is null or not (ExpressionToken.Number or ExpressionToken.Name or ExpressionToken.Close):
                    (chain, depth) = (chain + 1, depth + 1);
                    break;
                case ExpressionToken.Plus or ExpressionToken.Minus or ExpressionToken.Times or ExpressionToken.Divide or ExpressionToken.Comma:
                    (chain, depth) = (0, depth - chain);
                    break;
            }
            if (depth > Expression.MaxNesting)
                throw new ExpressionParseException(token.Span.Position.Column, $"the expression is nested more than {Expression.MaxNesting} levels deep");
            previous = token.Kind;
        }
    }

    /// <summary>The character at <paramref name="index"/> as a reader sees it: whole even outside the basic plane, with its code point unless it is ASCII.</summary>
    public static string Character(string text, int index)
    {
        var rune = Rune.DecodeFromUtf16(text.AsSpan(index), out var decoded, out _) == System.Buffers.OperationStatus.Done
            ? decoded
            : new Rune(0xFFFD);
        return rune.IsAscii ? $"'{rune}'" : $"'{rune}' (U+{rune.Value:X4})";
    }
}
