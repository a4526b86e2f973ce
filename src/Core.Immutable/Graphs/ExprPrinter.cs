using System.Globalization;
using System.Text;

namespace FunctionalAD;

/// <summary>
/// Prints a graph in infix notation with the fewest parentheses that still read back as the same graph:
/// operators are left-associative except <c>^</c>, and an operand of equal precedence on the side that
/// association does not cover is parenthesised. Shared nodes are printed at every use. The walk is
/// top-down with an explicit stack and stops at the length limit, so printing never recurses; its cost is
/// the limit plus the depth of the graph's leftmost path, which the stack holds before the first text.
/// </summary>
internal static class ExprPrinter
{
    public const int DefaultMaxLength = 4096;
    private const int AtomPrecedence = 100;

    public static string Print(Expr root, int maxLength)
    {
        var text = new StringBuilder();
        // Each work item is either text to emit or a node to expand within a parent's precedence.
        var work = new Stack<(string? Text, Expr? Node, int MinPrecedence)>();
        work.Push((null, root, 0));
        while (work.Count > 0)
        {
            if (text.Length > maxLength)
            {
                text.Length = maxLength;
                return text.Append('…').ToString();
            }
            var (literal, node, minPrecedence) = work.Pop();
            if (literal is not null) { text.Append(literal); continue; }
            var precedence = PrecedenceOf(node!);
            var parenthesise = precedence < minPrecedence;
            if (parenthesise) { text.Append('('); work.Push((")", null, 0)); }
            Expand(node!, text, work);
        }
        return text.ToString();
    }

    private static void Expand(Expr node, StringBuilder text, Stack<(string?, Expr?, int)> work)
    {
        switch (node)
        {
            case ConstantNode c:
                text.Append(c.Shape.IsScalar ? FormatNumber(c.Number) : c.Value.ToString());
                break;
            case InputNode i:
                text.Append(i.Name);
                break;
            case ApplyNode { Primitive: var p } a when p.Notation == Notation.Infix && a.Second is { } second:
                // Left-associative: the right operand needs parentheses at equal precedence.
                work.Push((null, second, p.Precedence + 1));
                work.Push(($" {p.Symbol} ", null, 0));
                work.Push((null, a.First, p.Precedence));
                break;
            case ApplyNode { Primitive: var p } a when p.Notation == Notation.Infix:
                // A unary primitive printed as an infix operator with a constant: x ^ 2 (right-associative).
                work.Push((FormatNumber(p.Parameters[0]), null, 0));
                work.Push(($" {p.Symbol} ", null, 0));
                work.Push((null, a.First, p.Precedence + 1));
                break;
            case ApplyNode { Primitive: var p } a when p.Notation == Notation.Prefix:
                text.Append(p.Symbol);
                work.Push((null, a.First, p.Precedence + 1));
                break;
            case ApplyNode { Primitive: var p } a:
                // Parameters follow the arguments: elu(x, 1), clamp(x, -1, 1), sum(x, axis: 0).
                text.Append(p.Symbol).Append('(');
                work.Push((p.PrintedParameters + ")", null, 0));
                var (first, count) = p.PrintedArguments.GetOffsetAndLength(a.Arity);
                for (var k = first + count - 1; k > first; k--) { work.Push((null, a.Argument(k), 0)); work.Push((", ", null, 0)); }
                work.Push((null, a.Argument(first), 0));
                break;
        }
    }

    // A negative number prints as a negation does, -2, and binds as the prefix minus (neg's precedence).
    private const int NegativeNumberPrecedence = 3;

    private static int PrecedenceOf(Expr node) => node switch
    {
        ApplyNode { Primitive: { Notation: not Notation.Function } p } => p.Precedence,
        ConstantNode { Shape.IsScalar: true } c when c.Number < 0 || double.IsNegative(c.Number) => NegativeNumberPrecedence,
        _ => AtomPrecedence,
    };

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
