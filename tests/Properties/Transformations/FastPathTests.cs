using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Examples;
using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Transformations;

/// <summary>
/// Every fast path against the primitive's one statement at <c>double</c> (its value, JVP and VJP rules): the compiled
/// code (inline IL for + − × ÷, a call of the statement for the others) and the vectorised tensor kernels, for every
/// primitive of the catalogue, at ordinary points and at ±0, ±∞, NaN, subnormals and overflow, bit for bit. The one
/// documented exception is the vectorised exp value, within 2 ulps of <see cref="Math.Exp"/>. (The interpreter's
/// inline opcodes are checked the same way by <see cref="InterpreterOpcodeTests"/>.)
/// </summary>
public class FastPathTests
{
    private static readonly double[] Specials =
    [
        0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, Math.PI / 2, 20.0, 710.0, -745.5, 1e-308, -double.Epsilon, 1e308,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    private static readonly double[] Cotangents = [1, -2.5, -0.0, double.NegativeInfinity, double.NaN, 1e-300, 3];

    public static TheoryData<string> AllPrimitives() => [.. Mutants.Targets.Select(p => p.ToString())];

    [Theory]
    [MemberData(nameof(AllPrimitives))]
    public void CompiledCodeGivesTheStatementsBits(string primitive)
    {
        var p = Mutants.Targets.Single(q => q.ToString() == primitive);
        var (x, y) = (Expr.Input("x"), Expr.Input("y"));
        var graph = p.Arity == 1 ? Expr.Apply(p, x) : Expr.Apply(p, x, y);
        var (reverse, forward) = (Reverse.Compile(graph), Forward.Compile(graph));
        foreach (var a in Specials)
        foreach (var b in p.Arity == 1 ? [0.0] : Specials)
        {
            var at = p.Arity == 1 ? Bindings.Of(("x", a)) : Bindings.Of(("x", a), ("y", b));
            var z = p.Value(a, b);
            var compiled = reverse.Invoke(at);
            Close.Bits(z, compiled.Value);
            var expected = p.Vjp(a, b, z)(1); // the sweep adds each contribution into a zero adjoint
            Close.Bits(0.0 + expected.First, compiled.Gradient["x"]);
            if (p.Arity == 2) Close.Bits(0.0 + expected.Second, compiled.Gradient["y"]);
            Close.Bits(p.Jvp(a, b, z, 1, 0), forward.Invoke(at, p.Arity == 1 ? Bindings.Of(("x", 1.0)) : Bindings.Of(("x", 1.0), ("y", 0.0))).Tangent);
            if (p.Arity == 2) Close.Bits(p.Jvp(a, b, z, 0, 1), forward.Invoke(at, Bindings.Of(("x", 0.0), ("y", 1.0))).Tangent);
        }
    }

    [Theory]
    [MemberData(nameof(AllPrimitives))]
    public void TensorKernelsGiveTheStatementsBits(string primitive)
    {
        var p = Mutants.Targets.Single(q => q.ToString() == primitive);
        var pairs = (p.Arity == 1 ? Specials.Select(a => (a, 0.0)) : Specials.SelectMany(a => Specials.Select(b => (a, b)))).ToArray();
        var x = Tensor.Vector([.. pairs.Select(q => q.Item1)]);
        var y = Tensor.Vector([.. pairs.Select(q => q.Item2)]);
        var z = Tensor.Vector([.. pairs.Select(q => p.Value(q.Item1, q.Item2))]);
        var ct = Tensor.Vector([.. pairs.Select((_, k) => Cotangents[k % Cotangents.Length])]);
        var dy = Tensor.Vector([.. pairs.Select((_, k) => Cotangents[(k + 3) % Cotangents.Length])]);

        if (ElementwiseKernels.Value(p, x, y, x.Shape) is { } value)
            for (var k = 0; k < pairs.Length; k++)
            {
                if (ReferenceEquals(p, Primitives.Exp)) Assert.True(WithinUlps(z.At(k), value.At(k), 2), $"exp({x.At(k):R})");
                else Close.Bits(z.At(k), value.At(k));
            }
        if (ElementwiseKernels.Vjp(p, x, y, z, ct, true, p.Arity == 2) is { } vjp)
            for (var k = 0; k < pairs.Length; k++)
            {
                var expected = p.Vjp(x.At(k), y.At(k), z.At(k))(ct.At(k));
                Close.Bits(expected.First, vjp.First!.Value.At(k));
                if (p.Arity == 2) Close.Bits(expected.Second, vjp.Second!.Value.At(k));
            }
        if (ElementwiseKernels.Jvp(p, x, y, z, ct, p.Arity == 2 ? dy : null) is { } jvp)
            for (var k = 0; k < pairs.Length; k++)
            {
                var (tx, ty) = (ct.At(k), p.Arity == 2 ? dy.At(k) : 0);
                Close.Bits(tx == 0 && ty == 0 ? 0 : p.Jvp(x.At(k), y.At(k), z.At(k), tx, ty), jvp.At(k));
            }
    }

    private static bool WithinUlps(double expected, double actual, int ulps) =>
        BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
        || Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual)) <= ulps;
}
