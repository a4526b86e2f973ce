using System.Collections.Immutable;
namespace FunctionalAD;

/// <summary>
/// <c>SumTo(x, shape)</c>: x summed over the dimensions along which <paramref name="target"/> would be broadcast to
/// x's shape — the transpose of <see cref="BroadcastToOperation"/>, numpy's "unbroadcast". A gradient graph sums an
/// elementwise primitive's cotangent back to a broadcast argument's shape with it (the bias's column sums of
/// <c>X W + b</c>). Linear: the tangent is dx summed the same way; the pullback broadcasts the cotangent back.
/// </summary>
internal sealed class SumToOperation(Shape target) : TensorOperation
{
    public Shape Target { get; } = target;
    public override ImmutableArray<double> Parameters => Dimensions(Target);
    internal override Primitive WithBatchSize(int size) => Target.HasFreeBatch ? new SumToOperation(Target.WithBatchSize(size)) : this;

    public override string Name => "SumTo";
    public override int Arity => 1;
    public override string Symbol => "sumto";
    internal override string? ParameterText => $"shape: {Target}";

    public override Shape OutputShape(Shape x, Shape _) =>
        Target.Rank <= x.Rank && BroadcastToOperation.Fits(Target, x)
            ? Target
            : throw Mismatch($"cannot sum {x} to {Target}: {Target} does not broadcast to {x}.");

    public override Tensor Value(Tensor x, Tensor _) => Broadcasting.Reduce(x, Target);

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __) => Broadcasting.Reduce(dx!.Value, Target);

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) =>
        new(first ? BroadcastToOperation.Of(g, x.Shape) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr cotangent) =>
        (Expr.BroadcastTo(cotangent, x.Shape), null);
}
