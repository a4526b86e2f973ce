using System.Collections.Immutable;
namespace FunctionalAD;

/// <summary>
/// <c>Reshape(x, shape)</c>: the same elements in row-major order (numpy's order) under another shape of the same
/// count. Linear: the tangent is dx reshaped, the pullback reshapes the cotangent back.
/// </summary>
internal sealed partial class ReshapeOperation(Shape target) : TensorOperation
{
    public Shape Target { get; } = target;
    public override ImmutableArray<double> Parameters => Dimensions(Target);
    internal override Primitive WithBatchSize(int size) => Target.HasFreeBatch ? new ReshapeOperation(Target.WithBatchSize(size)) : this;

    public override string Name => "Reshape";
    public override int Arity => 1;
    internal override string? ParameterText => $"shape: {Target}";

    public override Shape OutputShape(Shape x, Shape _) => x.Count == Target.Count
        ? Target
        : throw Mismatch($"cannot reshape {x} to {Target}: {x.Count} elements against {Target.Count}.");

    public override Tensor Value(Tensor x, Tensor _) => To(x, Target);

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __) => To(dx!.Value, Target);

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) => new(first ? To(g, x.Shape) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g) => (Expr.Reshape(g, x.Shape), null);

    private static Tensor To(Tensor x, Shape shape) => Kernels.FromRowMajor(shape, x.ToArray());
}
