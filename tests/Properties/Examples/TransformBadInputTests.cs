using System.Numerics;

namespace FunctionalAD.Properties.Examples;

/// <summary>Bad input to the number types and the function transformations fails early with a message naming the operation and the sizes.</summary>
public class TransformBadInputTests
{
    private static readonly Square F = new();

    public static TheoryData<string, Action, string[]> MismatchedSizes => new()
    {
        { "Transform.Jvp", () => Transform.Jvp<double>(F, [1.0, 2.0], [1.0]), ["Jvp", "1", "2"] },
        { "Transform.Jvp (vector)", () => Transform.Jvp(new Both(), [1.0, 2.0], [1.0, 2.0, 3.0]), ["Jvp", "3", "2"] },
        { "Transform.HessianVectorProduct", () => Transform.HessianVectorProduct<double>(F, [1.0, 2.0], [1.0, 2.0, 3.0]), ["HessianVectorProduct", "3", "2"] },
        { "Transform.Vjp pullback", () => Transform.Vjp(new Both(), [1.0, 2.0]).Pullback([1.0]), ["Vjp", "1", "2"] },
        { "Forward.JvpOf", () => Forward.JvpOf(v => v[0], [1.0, 2.0], [1.0]), ["JvpOf", "1", "2"] },
    };

    [Theory]
    [MemberData(nameof(MismatchedSizes))]
    public void MismatchedSizesNameTheOperationAndBothSizes(string call, Action action, string[] mentions)
    {
        var e = Assert.Throws<ArgumentException>(action);
        foreach (var m in mentions) Assert.True(e.Message.Contains(m), $"{call}: '{e.Message}' does not mention {m}");
    }

    public static TheoryData<string, Action> NullCalls => new()
    {
        { "Transform.Derivative(null)", () => Transform.Derivative(null!) },
        { "Transform.Derivative(null, x)", () => Transform.Derivative(null!, 1.0) },
        { "Transform.NthDerivative(null, n)", () => Transform.NthDerivative(null!, 2) },
        { "Transform.Grad(null)", () => Transform.Grad(null!) },
        { "Transform.Grad(null, x)", () => Transform.Grad<double>(null!, [1.0]) },
        { "Transform.Vjp(null, x)", () => Transform.Vjp<double>(null!, [1.0]) },
        { "Transform.Jacobian(null, x)", () => Transform.Jacobian(null!, [1.0]) },
        { "Transform.Hessian(null, x)", () => Transform.Hessian(null!, [1.0]) },
        { "Transform.HessianOf(null, x)", () => Transform.HessianOf(null!, [1.0]) },
        { "Transform.HessianOf(f, null)", () => Transform.HessianOf(v => v[0], null!) },
        { "Forward.JacobianOf(null, x)", () => Forward.JacobianOf(null!, [1.0]) },
        { "Reverse.JacobianOf(f, null)", () => Reverse.JacobianOf(v => v, null!) },
    };

    [Theory]
    [MemberData(nameof(NullCalls))]
    public void NullIsRejectedWithArgumentNullException(string call, Action action)
    {
        var e = Assert.Throws<ArgumentNullException>(action);
        Assert.False(string.IsNullOrEmpty(e.ParamName), $"{call}: no parameter name");
    }

    [Fact]
    public void AFunctionThatReturnsNullIsNamed()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Transform.Jacobian(new ReturnsNull(), [1.0]));
        Assert.Contains("Jacobian", e.Message);
        Assert.Contains("null", e.Message);
    }

    [Fact]
    public void OtherBadArgumentsSayWhatIsWrong()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Transform.NthDerivative(new Square1(), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Transform.Jacobian(new Both(), [1.0], (JacobianMode)7));
        Assert.Contains("min", Assert.Throws<ArgumentException>(() => Dual<double>.Clamp(1.0, 2.0, 1.0)).Message);
        Assert.Contains("Dual<Double>", Assert.Throws<ArgumentException>(() => new Dual<double>(1, 0).CompareTo("one")).Message);
    }

    private sealed class Square : IMultivariateFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + x[1];
    }

    private sealed class Square1 : IRealFunction
    {
        public T Invoke<T>(T x) where T : IFloatingPointIeee754<T> => x * x;
    }

    private sealed class Both : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => [x[0] * x[1], x[0] + x[1]];
    }

    private sealed class ReturnsNull : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => null!;
    }
}
