namespace FunctionalAD.Properties.Support;

/// <summary>How a <see cref="RunningSum"/> gets its rules wrong, for the tests of the checkers; the default is right.</summary>
/// <param name="TangentScale">A factor on the JVP (1 is right).</param>
/// <param name="CotangentFromTheStart">The VJP sums from the start, which is not the JVP's transpose.</param>
/// <param name="CotangentSign">A sign on the VJP (1 is right).</param>
/// <param name="GraphRule">Whether the VJP is stated as graph operations at all.</param>
/// <param name="WrongGraphRule">The VJP as graph operations depends on the argument (its numbers stay right): wrong only at second order.</param>
public sealed record RunningSumFaults(
    double TangentScale = 1, bool CotangentFromTheStart = false, double CotangentSign = 1, bool GraphRule = true, bool WrongGraphRule = false);

/// <summary>
/// The running sum of a vector, yᵢ = Σ_{j ≤ i} xⱼ, as a tensor operation of one's own (<see cref="TensorPrimitive"/>).
/// Linear: the tangent is the running sum of dx, the cotangent the running sum from the end, and that as a graph is a
/// product with the upper triangle of ones.
/// </summary>
public sealed class RunningSum(string name = "cumsum", RunningSumFaults? faults = null) : TensorPrimitive
{
    private readonly RunningSumFaults faults = faults ?? new();

    public override string Name => name;

    public override int Arity => 1;

    protected override Shape ShapeOf(ReadOnlySpan<Shape> arguments) =>
        arguments[0].Rank == 1 ? arguments[0] : throw Mismatch($"takes a vector, not {arguments[0]}.");

    protected override Tensor ValueOf(ReadOnlySpan<Tensor> arguments) => Running(arguments[0], fromTheEnd: false);

    protected override Tensor? TangentOf(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
        tangents[0] is { } dx ? faults.TangentScale * Running(dx, fromTheEnd: false) : null;

    protected override void CotangentsOf(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, Span<Tensor?> cotangents) =>
        cotangents[0] = faults.CotangentSign * Running(cotangent, fromTheEnd: !faults.CotangentFromTheStart);

    protected override bool CotangentGraphs(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        if (!faults.GraphRule) return false;
        var n = arguments[0].Shape[0];
        var transpose = Expr.MatMul(Expr.Constant(Tensor.Create(Shape.Matrix(n, n), (i, j) => j >= i ? 1 : 0)), cotangent);
        cotangents[0] = faults.WrongGraphRule ? transpose * arguments[0] : transpose;
        return true;
    }

    private static Tensor Running(Tensor x, bool fromTheEnd)
    {
        var values = x.ToArray();
        if (fromTheEnd) for (var i = values.Length - 2; i >= 0; i--) values[i] += values[i + 1];
        else for (var i = 1; i < values.Length; i++) values[i] += values[i - 1];
        return Tensor.Vector(values);
    }
}
