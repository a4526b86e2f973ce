namespace FunctionalAD;

public static partial class Graph
{
    /// <summary>
    /// Traces a function of one number into a graph: calls <paramref name="f"/> once on the input named
    /// <paramref name="name"/> and returns the graph it builds. A generic function
    /// <c>T F&lt;T&gt;(T x) where T : IFloatingPointIeee754&lt;T&gt;</c> traces as <c>Graph.Trace(F&lt;Expr&gt;)</c>;
    /// a branch on a traced value throws <see cref="TracingException"/> (use <see cref="Expr.Where"/>).
    /// </summary>
    /// <example><code>Graph.Trace(x => Expr.Sin(x) * x)   // sin(x) * x</code></example>
    /// <exception cref="TracingException">The function branched on the value of the input.</exception>
    /// <exception cref="InvalidOperationException">The function returned null.</exception>
    public static Expr Trace(Func<Expr, Expr> f, string name = "x")
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(Expr.Input(name)) ?? throw new InvalidOperationException("The traced function returned null instead of a graph.");
    }

    /// <summary>
    /// Traces a function of several numbers into a graph: calls <paramref name="f"/> once on the inputs
    /// named <paramref name="names"/>, in that order, and returns the graph it builds.
    /// </summary>
    /// <example><code>Graph.Trace(v => v[0] * v[1] + v[2], "w", "x", "b")   // w * x + b</code></example>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    /// <exception cref="TracingException">The function branched on the value of an input.</exception>
    /// <exception cref="InvalidOperationException">The function returned null.</exception>
    public static Expr Trace(Func<Expr[], Expr> f, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(names);
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"The input name '{twice.Key}' is given twice.", nameof(names));
        Expr[] inputs = [.. names.Select(Expr.Input)]; // Expr.Input rejects an empty name
        return f(inputs) ?? throw new InvalidOperationException("The traced function returned null instead of a graph.");
    }

    /// <summary>
    /// Traces a function of one tensor into a graph: calls <paramref name="f"/> once on the input named
    /// <paramref name="name"/> of shape <paramref name="shape"/>. A generic function of numbers traces this way into
    /// the same function applied element by element, since every scalar primitive broadcasts over tensors.
    /// </summary>
    /// <example><code>Graph.Trace(x => Expr.Tanh(x) * x, "x", Shape.Vector(3))   // tanh(x) * x, of shape 3</code></example>
    /// <exception cref="TracingException">The function branched on the value of the input.</exception>
    /// <exception cref="InvalidOperationException">The function returned null.</exception>
    public static Expr Trace(Func<Expr, Expr> f, string name, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(Expr.Input(name, shape)) ?? throw new InvalidOperationException("The traced function returned null instead of a graph.");
    }

    /// <summary>
    /// Traces a function of several tensors into a graph: calls <paramref name="f"/> once on the inputs named and
    /// shaped by <paramref name="inputs"/>, in that order. Shapes are checked as the function builds the graph, so a
    /// mismatch names the operation and both shapes.
    /// </summary>
    /// <example><code>Graph.Trace(v => Expr.MatMul(v[0], v[1]), ("A", Shape.Matrix(2, 3)), ("B", Shape.Matrix(3, 1)))</code></example>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    /// <exception cref="ShapeMismatchException">The function combined tensors of incompatible shapes.</exception>
    /// <exception cref="TracingException">The function branched on the value of an input.</exception>
    /// <exception cref="InvalidOperationException">The function returned null.</exception>
    public static Expr Trace(Func<Expr[], Expr> f, params (string Name, Shape Shape)[] inputs)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.GroupBy(i => i.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"The input name '{twice.Key}' is given twice.", nameof(inputs));
        Expr[] nodes = [.. inputs.Select(i => Expr.Input(i.Name, i.Shape))]; // Expr.Input rejects an empty name
        return f(nodes) ?? throw new InvalidOperationException("The traced function returned null instead of a graph.");
    }
}
