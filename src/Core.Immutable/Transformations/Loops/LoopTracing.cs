using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>How a loop's body is traced from a C# function of its carry, and what its parameters are bound to.</summary>
internal static class LoopTracing
{
    /// <summary>
    /// The body traced from <paramref name="step"/> and the name of its carry: <c>carry</c>, or <c>carry1</c>, <c>carry2</c>,
    /// … when the step already reads an input of that name (an outer loop's carry, say), so that the name never captures one.
    /// </summary>
    public static (Expr Body, string Carry) Body(Shape shape, Func<Expr, Expr> step, string loop)
    {
        var probe = "carry·" + Guid.NewGuid().ToString("N");
        var body = step(Expr.Input(probe, shape))
            ?? throw new ArgumentException($"{loop}: the step returned null instead of the new carry.", nameof(step));
        var taken = Graph.Inputs(body);
        var name = "carry";
        for (var k = 1; taken.Contains(name); k++) name = "carry" + k;
        return (Graph.Substitute(body, probe, Expr.Input(name, shape)), name);
    }

    /// <summary>The outer inputs a body's parameters are bound to: inputs of the same names and shapes.</summary>
    public static ImmutableArray<Expr> Parameters(LoopBody body) =>
        [.. body.Parameters.Select((name, j) => Expr.Input(name, body.ParameterShapes[j]))];
}
