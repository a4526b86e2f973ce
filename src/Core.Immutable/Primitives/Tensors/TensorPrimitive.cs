namespace FunctionalAD;

/// <summary>
/// A tensor operation of one's own — a shape rule, a value, a JVP, a VJP and optionally the VJP as graph operations,
/// side by side as the built-in operations state theirs — applied with <see cref="Expr.Apply(Primitive, ReadOnlySpan{Expr})"/>
/// and then run by every engine: evaluation, forward and reverse mode, compilation, printing, DOT and Mermaid, JSON
/// (written by name; read with the primitive registered, see <see cref="PrimitiveRegistry"/>). Gradient graphs and
/// Hessians need the VJP as graph operations (<see cref="CotangentGraphs"/>); without it they throw an error that
/// names the primitive. Two instances are equal when they are of one class with equal <see cref="Primitive.Name"/>,
/// <see cref="Primitive.Arity"/> and <see cref="Primitive.Parameters"/>.
/// </summary>
/// <example><code>
/// sealed class CumulativeSum : TensorPrimitive
/// {
///     public override string Name =&gt; "cumsum";
///     public override int Arity =&gt; 1;
///     protected override Shape ShapeOf(ReadOnlySpan&lt;Shape&gt; arguments) =&gt; arguments[0];
///     protected override Tensor ValueOf(ReadOnlySpan&lt;Tensor&gt; arguments) =&gt; …;
///     protected override Tensor TangentOf(ReadOnlySpan&lt;Tensor&gt; arguments, Tensor output, ReadOnlySpan&lt;Tensor?&gt; tangents) =&gt; …;
///     protected override void CotangentsOf(ReadOnlySpan&lt;Tensor&gt; arguments, Tensor output, Tensor cotangent, Span&lt;Tensor?&gt; cotangents) =&gt; …;
/// }
/// </code></example>
public abstract class TensorPrimitive : Primitive
{
    /// <summary>For derived classes.</summary>
    protected TensorPrimitive() { }

    /// <summary>The shape rule: the output shape for arguments of these shapes, one per <see cref="Primitive.Arity"/>.</summary>
    /// <exception cref="ShapeMismatchException">The primitive cannot take arguments of these shapes (throw <see cref="Mismatch"/>).</exception>
    protected abstract Shape ShapeOf(ReadOnlySpan<Shape> arguments);

    /// <summary>The value rule: the output for arguments of admissible shapes.</summary>
    protected abstract Tensor ValueOf(ReadOnlySpan<Tensor> arguments);

    /// <summary>
    /// The JVP rule: the output tangent for the arguments, the output and the argument tangents, where null is an exact
    /// zero (at least one is not null). Return null for an exact zero output tangent.
    /// </summary>
    protected abstract Tensor? TangentOf(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents);

    /// <summary>
    /// The VJP rule: fills <paramref name="cotangents"/> with each argument's cotangent, of that argument's shape (null
    /// for an exact zero), for the arguments, the output and the output's cotangent.
    /// </summary>
    protected abstract void CotangentsOf(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, Span<Tensor?> cotangents);

    /// <summary>
    /// The VJP rule as graph operations, for gradient graphs and Hessians: fills <paramref name="cotangents"/> with the graph
    /// of each argument's cotangent (null for an exact zero) over the nodes of the arguments, the output and its
    /// cotangent, and returns true; the default returns false, and gradient graphs then throw, naming the primitive.
    /// </summary>
    protected virtual bool CotangentGraphs(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents) => false;

    /// <summary>A <see cref="ShapeMismatchException"/> for this primitive: <c>"name: message"</c>.</summary>
    protected ShapeMismatchException Mismatch(string message) => new(Name, $"{Name}: {message}");

    internal sealed override Shape OutputShape(ReadOnlySpan<Shape> arguments) => ShapeOf(arguments);

    internal sealed override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape) => Checked(ValueOf(arguments), shape, "value");

    internal sealed override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
        TangentOf(arguments, output, tangents) is { } tangent ? Checked(tangent, output.Shape, "tangent") : null;

    internal sealed override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents)
    {
        CotangentsOf(arguments, output, cotangent, cotangents);
        for (var i = 0; i < cotangents.Length; i++)
        {
            if (!wanted[i]) cotangents[i] = null;
            else if (cotangents[i] is { } c) Checked(c, arguments[i].Shape, $"cotangent of argument {i + 1}");
        }
    }

    internal sealed override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        if (!CotangentGraphs(arguments, output, cotangent, cotangents))
            throw new NotSupportedException(
                $"The primitive '{Name}' states its VJP on tensors but not as graph operations, which gradient graphs and Hessians need: override {nameof(CotangentGraphs)}.");
    }

    // A rule that returns a tensor of the wrong shape is the user's bug, reported where it happens, naming the rule.
    private Tensor Checked(Tensor result, Shape expected, string what) =>
        result.Shape == expected
            ? result
            : throw new ShapeMismatchException(Name, $"{Name}: the {what} rule returned a tensor of shape {result.Shape}, not {expected}.");
}
