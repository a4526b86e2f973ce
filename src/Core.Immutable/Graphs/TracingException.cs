namespace FunctionalAD;

/// <summary>
/// A generic function asked for the value of a graph while being traced into one — a comparison, a
/// branch on a value, or a conversion to another number type — which a graph, built once for every
/// point, cannot record. Write the branch with <see cref="Expr.Where"/> and <see cref="Expr.Step"/> instead.
/// </summary>
public sealed class TracingException : InvalidOperationException
{
    /// <summary>The exception for <paramref name="member"/>, the generic-math member that needed a value.</summary>
    public TracingException(string member)
        : base($"Value-dependent branch while tracing: {member} needs the value of a traced graph, which depends on the inputs. " +
               "A graph records one computation for every point; write the choice with Expr.Where(condition, whenTrue, whenFalse), " +
               "with a condition such as Expr.Step(x, y) (1 where x > y, 0 where x < y).")
    {
        Member = member;
    }

    /// <summary>The generic-math member that needed a value, e.g. <c>operator &lt;</c> or <c>IsNaN</c>.</summary>
    public string Member { get; }
}
