using System.Numerics.Tensors;

namespace FunctionalAD;

/// <summary>
/// <c>Dot(u, v)</c> = Σ uᵢvᵢ for two vectors of one length. d = du·v + u·dv; the pullback of g is (g·v, g·u).
/// </summary>
internal sealed partial class DotOperation : TensorOperation
{
    public static readonly DotOperation Instance = new();

    public override string Name => "Dot";
    public override int Arity => 2;

    public override Shape OutputShape(Shape u, Shape v) => u.Rank == 1 && u == v
        ? Shape.Scalar
        : throw Mismatch($"cannot take the dot product of {u} and {v}: Dot takes two vectors of one length.");

    public override Tensor Value(Tensor u, Tensor v) => Sum(u, v);

    public override Tensor Jvp(Tensor u, Tensor v, Tensor output, Tensor? du, Tensor? dv) =>
        (du is { } x ? Sum(x, v) : 0) + (dv is { } y ? Sum(u, y) : 0);

    public override TensorPullback Vjp(Tensor u, Tensor v, Tensor output) => (g, first, second) =>
    {
        var s = g.ToScalar();
        return new(first ? Kernels.Scale(v, s) : null, second ? Kernels.Scale(u, s) : null);
    };

    internal override (Expr? First, Expr? Second) VjpGraph(Expr u, Expr? v, Expr output, Expr g) => (g * v!, g * u);

    /// <summary>Σ uᵢvᵢ, vectorised (the additions in another order than a loop's); + 0 turns −0 into +0, as a loop from 0 gives.</summary>
    private static double Sum(Tensor u, Tensor v) => TensorPrimitives.Dot(u.Storage, v.Storage) + 0.0;
}
