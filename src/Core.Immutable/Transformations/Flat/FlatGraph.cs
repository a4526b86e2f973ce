using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A scalar graph traced into flat arrays — per node an opcode, its argument positions and a slot — with no object per
/// node: for big unrolled programs (millions of steps), where an <see cref="Expr"/> graph's node objects cost most of
/// the time and memory. Make one with <see cref="Trace(Func{FlatExpr, FlatExpr}, string)"/>; run it with
/// <see cref="Graph.Evaluate(FlatGraph, Bindings)"/>, <see cref="Reverse.Grad(FlatGraph, Bindings)"/>,
/// <see cref="Reverse.ValueAndGrad(FlatGraph, Bindings)"/> and <see cref="Forward.Jvp(FlatGraph, Bindings, Bindings)"/>,
/// which run the same interpreter sweeps as for an Expr graph and give the same numbers, bit for bit, as the same
/// program traced into an Expr. Immutable once traced; safe to share across threads.
/// </summary>
/// <remarks>
/// Everything else — printing, <see cref="Reverse.GradGraph(Expr)"/>, compiling, export, JSON, anomaly detection,
/// simplifying — works on node objects: make them with <see cref="ToExpr"/> (one object per node, so the cost the
/// flat form avoids). Scalar programs only: no tensors, loops or primitives of more than two arguments (see <see cref="FlatExpr"/>).
/// </remarks>
public sealed class FlatGraph
{
    private Expr? expr;

    internal FlatGraph(Topology topology) => Topology = topology;

    internal Topology Topology { get; }

    /// <summary>The input names the output depends on, in ordinal order (as <see cref="Graph.Inputs(Expr)"/>).</summary>
    public ImmutableArray<string> Inputs => Topology.InputNames;

    /// <summary>The number of nodes: inputs, distinct constants and applications.</summary>
    public int NodeCount => Topology.Count;

    /// <summary>
    /// Traces a function of one number into a flat graph: calls <paramref name="f"/> once on the input named
    /// <paramref name="name"/>, and records every operation on it into arrays.
    /// </summary>
    /// <example><code>var g = FlatGraph.Trace(x => { for (var i = 0; i &lt; 1_000_000; i++) x = x + 1e-7 * FlatExpr.Sin(x); return x; }, "x0");</code></example>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="NotSupportedException">The function applied a primitive that is not scalar.</exception>
    /// <exception cref="InvalidOperationException">The function combined or returned values of another trace.</exception>
    public static FlatGraph Trace(Func<FlatExpr, FlatExpr> f, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(f);
        return Trace(v => f(v[0]), name);
    }

    /// <summary>
    /// Traces a function of several numbers into a flat graph: calls <paramref name="f"/> once on the inputs named
    /// <paramref name="names"/>, in that order.
    /// </summary>
    /// <example><code>FlatGraph.Trace(v => v[0] * v[1] + v[2], "w", "x", "b")   // w * x + b</code></example>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    /// <exception cref="NotSupportedException">The function applied a primitive that is not scalar.</exception>
    /// <exception cref="InvalidOperationException">The function combined or returned values of another trace.</exception>
    public static FlatGraph Trace(Func<FlatExpr[], FlatExpr> f, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names) ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(names));
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"The input name '{twice.Key}' is given twice.", nameof(names));
        ImmutableArray<string> sorted = [.. names.Order(StringComparer.Ordinal)];
        var tape = new FlatTape(sorted);
        var inputs = new FlatExpr[names.Length];
        for (var k = 0; k < names.Length; k++) inputs[k] = new(tape, tape.Input(sorted.IndexOf(names[k], StringComparer.Ordinal)));
        FlatExpr output;
        try
        {
            output = f(inputs);
        }
        catch
        {
            tape.Finish(0); // so that values kept from a failed trace are refused too
            throw;
        }
        if (output.Tape is { } other && !ReferenceEquals(other, tape))
        {
            tape.Finish(0);
            throw new InvalidOperationException("The traced function returned a value of another trace; return a value computed from its own inputs.");
        }
        var root = output.Tape is null ? tape.Constant(output.Number) : output.Node;
        return new FlatGraph(tape.Finish(root));
    }

    /// <summary>
    /// The same graph as an <see cref="Expr"/>, made once on first call (one object per node): for printing, the gradient
    /// as a graph, compiling, export and JSON. Evaluating it gives the same numbers as evaluating this graph, bit for bit.
    /// </summary>
    public Expr ToExpr() => Volatile.Read(ref expr) ?? Interlocked.CompareExchange(ref expr, Materialize(), null) ?? expr!;

    private Expr Materialize()
    {
        var t = Topology;
        var inputs = t.InputNames.Select(Expr.Input).ToArray();
        var made = new Expr[t.Count];
        for (var i = 0; i < made.Length; i++)
        {
            int f = t.First[i], s = t.Second[i];
            made[i] = t.Opcodes[i] switch
            {
                Opcode.Input => inputs[t.InputSlot[i]],
                Opcode.Constant => Expr.Constant(t.NumberAt(i)),
                _ => s < 0 ? Expr.Apply(t.PrimitiveAt(i), made[f]) : Expr.Apply(t.PrimitiveAt(i), made[f], made[s]),
            };
        }
        return made[^1];
    }

    /// <summary>A summary: the node count and the inputs (print <see cref="ToExpr"/> for the graph itself).</summary>
    public override string ToString() => $"flat graph of {NodeCount:N0} nodes, inputs: {(Inputs.IsEmpty ? "none" : string.Join(", ", Inputs))}";
}
