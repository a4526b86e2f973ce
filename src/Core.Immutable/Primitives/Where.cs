using System.Numerics;

namespace FunctionalAD;

public static partial class ScalarMath
{
    /// <summary>
    /// <paramref name="whenTrue"/> where <paramref name="condition"/> is not 0, <paramref name="whenFalse"/> where it is
    /// (NaN is not 0): the number of the branch taken, with its derivative, so the branch not taken adds nothing to a
    /// <see cref="Dual{T}"/> tangent or a <see cref="ReverseNumber{T}"/> gradient. Traced at <c>T = Expr</c>, it is
    /// the node <see cref="Expr.Where"/>.
    /// </summary>
    public static T Where<T>(T condition, T whenTrue, T whenFalse) where T : IFloatingPointIeee754<T> =>
        condition is Expr c
            ? (T)(object)Expr.Where(c, (Expr)(object)whenTrue, (Expr)(object)whenFalse)
            : T.IsZero(condition) ? whenFalse : whenTrue;
}

public static partial class Primitives
{
    /// <summary>
    /// <c>where(c, a, b)</c>: a where the condition c is not 0, b where it is 0, element by element with the
    /// broadcasting of the elementwise primitives over all three arguments (NaN is not 0, so it picks a). The branch
    /// not taken contributes an exact 0 tangent and cotangent, so a NaN or ∞ there (√x at x &lt; 0) never reaches the
    /// result or its derivatives; the derivative with respect to the condition is 0. Not in <see cref="All"/>, which
    /// lists the primitives of one or two arguments.
    /// </summary>
    public static Primitive Where => WherePrimitive.Instance;
}

/// <summary>The descriptor of <see cref="Primitives.Where"/>: three arguments, stated on tensors (scalars are tensors of rank 0).</summary>
internal sealed class WherePrimitive : Primitive
{
    public static readonly WherePrimitive Instance = new();

    private WherePrimitive() { }

    public override string Name => "where";
    public override int Arity => 3;

    internal override Shape OutputShape(ReadOnlySpan<Shape> arguments) =>
        Broadcasting.Shape("Where", Broadcasting.Shape("Where", arguments[0], arguments[1]), arguments[2]);

    internal override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape) =>
        Select(arguments[0], arguments[1], arguments[2], shape);

    /// <summary>The tangent of the branch taken at each element; a missing tangent is 0.</summary>
    internal override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
        tangents[1] is null && tangents[2] is null
            ? null
            : Select(arguments[0], tangents[1] ?? 0, tangents[2] ?? 0, output.Shape);

    /// <summary>The cotangent goes to the branch taken at each element, summed back over a branch's broadcast dimensions.</summary>
    internal override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents)
    {
        if (wanted[1]) cotangents[1] = Broadcasting.Reduce(Select(arguments[0], cotangent, 0, cotangent.Shape), arguments[1].Shape);
        if (wanted[2]) cotangents[2] = Broadcasting.Reduce(Select(arguments[0], 0, cotangent, cotangent.Shape), arguments[2].Shape);
    }

    /// <summary>The same statement as graph operations: <c>where(c, g, 0)</c> and <c>where(c, 0, g)</c>.</summary>
    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        var condition = arguments[0];
        cotangents[1] = Summed(Expr.Where(condition, cotangent, 0.0), arguments[1].Shape);
        cotangents[2] = Summed(Expr.Where(condition, 0.0, cotangent), arguments[2].Shape);

        static Expr Summed(Expr e, Shape shape) => e.Shape == shape ? e : Expr.SumTo(e, shape);
    }

    /// <summary>Element by element, <paramref name="a"/> where <paramref name="condition"/> is not 0 and <paramref name="b"/> elsewhere.</summary>
    private static Tensor Select(Tensor condition, Tensor a, Tensor b, Shape shape)
    {
        if (shape.IsScalar) return condition.At(0) != 0 ? a.At(0) : b.At(0);
        var result = new double[shape.Count];
        int[]? cs = Broadcasting.Map(condition.Shape, shape), @as = Broadcasting.Map(a.Shape, shape), bs = Broadcasting.Map(b.Shape, shape);
        for (var k = 0; k < result.Length; k++)
            result[k] = condition.At(cs?[k] ?? k) != 0 ? a.At(@as?[k] ?? k) : b.At(bs?[k] ?? k);
        return new(shape, result);
    }
}
