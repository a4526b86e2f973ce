using System.Collections.Immutable;
namespace FunctionalAD;

/// <summary>
/// <c>BroadcastTo(x, shape)</c>: x copied along the dimensions it stretches to <paramref name="target"/>, by the
/// broadcasting rule of the elementwise primitives (a scalar everywhere, a vector of n along each row of an m×n
/// matrix, an m×1 column along each column). Linear: the tangent is dx broadcast; its transpose, the pullback,
/// sums the cotangent back over the stretched dimensions (<see cref="SumToOperation"/>). Gradient graphs use it
/// to spread a reduction's cotangent back over its lanes.
/// </summary>
internal sealed partial class BroadcastToOperation(Shape target) : TensorOperation
{
    public Shape Target { get; } = target;
    public override ImmutableArray<double> Parameters => Dimensions(Target);
    internal override Primitive WithBatchSize(int size) => Target.HasFreeBatch ? new BroadcastToOperation(Target.WithBatchSize(size)) : this;

    public override string Name => "BroadcastTo";
    public override int Arity => 1;
    public override string Symbol => "broadcast";
    internal override string? ParameterText => $"shape: {Target}";

    public override Shape OutputShape(Shape x, Shape _) =>
        x.Rank <= Target.Rank && Fits(x, Target)
            ? Target
            : throw Mismatch($"cannot broadcast {x} to {Target}.");

    public override Tensor Value(Tensor x, Tensor _) => Of(x, Target);

    public override Tensor Jvp(Tensor x, Tensor _, Tensor output, Tensor? dx, Tensor? __) => Of(dx!.Value, Target);

    public override TensorPullback Vjp(Tensor x, Tensor _, Tensor output) => (g, first, _) =>
        new(first ? Broadcasting.Reduce(g, x.Shape) : null, null);

    internal override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr cotangent) =>
        (Expr.SumTo(cotangent, x.Shape), null);

    /// <summary>Whether <paramref name="x"/> broadcast with <paramref name="target"/> is <paramref name="target"/>.</summary>
    internal static bool Fits(Shape x, Shape target)
    {
        try
        {
            return Broadcasting.Shape("BroadcastTo", x, target) == target;
        }
        catch (ShapeMismatchException)
        {
            return false;
        }
    }

    /// <summary>The broadcast copy of <paramref name="x"/> in a new array.</summary>
    internal static Tensor Of(Tensor x, Shape target)
    {
        if (x.Shape == target) return x;
        if (target.IsScalar) return x.ToScalar();
        var result = new double[target.Count];
        if (x.Shape.IsScalar) Array.Fill(result, x.ToScalar());
        else
        {
            var map = Broadcasting.Map(x.Shape, target)!;
            for (var k = 0; k < result.Length; k++) result[k] = x.At(map[k]);
        }
        return new(target, result);
    }

    /// <summary>
    /// The graph that copies the values of a reduction along <paramref name="axis"/> (null: over all elements) back
    /// over the lanes of a tensor of shape <paramref name="full"/>: each lane filled with its own value.
    /// </summary>
    /// <remarks>Broadcasting aligns from the right, so a reduction along an inner axis first gets that axis back with size 1.</remarks>
    internal static Expr Spread(Expr reduced, Shape full, int? axis) =>
        axis is { } a and > 0
            ? Expr.BroadcastTo(Expr.Reshape(reduced, Lanes.Kept(full, a)), full)
            : Expr.BroadcastTo(reduced, full);
}
