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

    /// <summary>
    /// A scan's two bodies traced from <paramref name="step"/>, over a carry of <paramref name="carryShape"/> and, when
    /// <paramref name="sliceShape"/> is given, a slice: named <c>carry</c> and <c>slice</c>, or with a number appended when the
    /// step already reads an input of that name.
    /// </summary>
    public static (Expr Carry, Expr Output, string CarryName, string? SliceName) ScanBodies(
        Shape carryShape, Shape? sliceShape, Func<Expr, Expr?, (Expr Carry, Expr Output)> step)
    {
        var (carryProbe, sliceProbe) = ("carry·" + Guid.NewGuid().ToString("N"), "slice·" + Guid.NewGuid().ToString("N"));
        var (carry, output) = step(Expr.Input(carryProbe, carryShape), sliceShape is { } s ? Expr.Input(sliceProbe, s) : null);
        if (carry is null || output is null)
            throw new ArgumentException("Scan: the step returned null instead of the new carry and the output slice.", nameof(step));
        var taken = Graph.Inputs(carry).Union(Graph.Inputs(output)).ToHashSet(StringComparer.Ordinal);
        string Free(string stem)
        {
            var name = stem;
            for (var k = 1; taken.Contains(name); k++) name = stem + k;
            return name;
        }
        var carryName = Free("carry");
        string? sliceName = sliceShape is null ? null : Free("slice");
        Expr Rename(Expr graph)
        {
            graph = Graph.Substitute(graph, carryProbe, Expr.Input(carryName, carryShape));
            return sliceName is null ? graph : Graph.Substitute(graph, sliceProbe, Expr.Input(sliceName, sliceShape!.Value));
        }
        return (Rename(carry), Rename(output), carryName, sliceName);
    }

    /// <summary>The outer inputs a body's parameters are bound to: inputs of the same names and shapes.</summary>
    public static ImmutableArray<Expr> Parameters(LoopBody body) =>
        [.. body.Parameters.Select((name, j) => Expr.Input(name, body.ParameterShapes[j]))];

    /// <summary>The outer inputs a scan's parameters are bound to: inputs of the same names and shapes.</summary>
    public static ImmutableArray<Expr> Parameters(ScanBody body) =>
        [.. body.Parameters.Select((name, j) => Expr.Input(name, body.ParameterShapes[j]))];
}
