namespace FunctionalAD.Properties.Examples;

/// <summary>Bad input fails early, with the exception type the documentation names and a message that says what is wrong.</summary>
public class BadInputTests
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");
    private static readonly Expr Y = W * X + B;
    private static readonly Bindings At = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));
    private static readonly Bindings MissingW = Bindings.Of(("x", 3.0), ("b", 1.0));

    public static TheoryData<string, Action> UnboundCalls => new()
    {
        { "Graph.Evaluate", () => Graph.Evaluate(Y, MissingW) },
        { "Forward.Jvp", () => Forward.Jvp(Y, MissingW, Bindings.Of(("x", 1.0))) },
        { "Forward.Grad", () => Forward.Grad(Y, MissingW) },
        { "Reverse.Vjp", () => Reverse.Vjp(Y, MissingW) },
        { "Reverse.Grad", () => Reverse.Grad(Y, MissingW) },
        { "Reverse.ValueAndGrad", () => Reverse.ValueAndGrad(Y, MissingW) },
        { "Differentiate.Gradient", () => Differentiate.Expression(Y).At(("x", 3.0), ("b", 1.0)).Gradient() },
        { "Differentiate.Forward.Gradient", () => Differentiate.Expression(Y).At(("x", 3.0), ("b", 1.0)).Forward().Gradient() },
        { "Differentiate.Value", () => Differentiate.Expression(Y).At(("x", 3.0), ("b", 1.0)).Value() },
        { "Differentiate.DerivativeBy", () => Differentiate.Expression(Y).At(("x", 3.0), ("b", 1.0)).DerivativeBy("x") },
    };

    [Theory]
    [MemberData(nameof(UnboundCalls))]
    public void AnUnboundInputIsNamed(string call, Action action)
    {
        var e = Assert.Throws<UnboundInputException>(action);
        Assert.True(e.InputName == "w", $"{call} reported '{e.InputName}'");
        Assert.Equal(new[] { "b", "w", "x" }, e.GraphInputs);
        Assert.Contains("'w'", e.Message);
        Assert.Contains("b, w, x", e.Message);
        Assert.IsAssignableFrom<KeyNotFoundException>(e);
    }

    [Fact]
    public void AnUnknownNameInAGradientIsNamedAndTheInputsListed()
    {
        var gradient = Reverse.Grad(Y, At);
        var e = Assert.Throws<KeyNotFoundException>(() => gradient["q"]);
        Assert.Contains("'q'", e.Message);
        Assert.Contains("b, w, x", e.Message);
        Assert.IsNotType<UnboundInputException>(e);
        Assert.Throws<KeyNotFoundException>(() => At["q"]);
        Assert.False(gradient.Contains("q"));
        Assert.Equal(-1.0, gradient.GetOrDefault("q", -1.0).ToScalar());
    }

    [Fact]
    public void ADirectionAlongAnUnknownInputIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => Forward.Jvp(Y, At, Bindings.Of(("x", 1.0), ("q", 1.0))));
        Assert.Equal("direction", e.ParamName);
        Assert.Contains("'q'", e.Message);
        Assert.Contains("b, w, x", e.Message);
        var viaFacade = Assert.Throws<ArgumentException>(() => Differentiate.Expression(Y).At(At).DerivativeBy("q"));
        Assert.Contains("'q'", viaFacade.Message);
    }

    [Fact]
    public void ExtraBindingsAtThePointAreAllowed()
    {
        // Only the direction is checked against the graph's inputs; the point may bind more names.
        Assert.Equal(7.0, Graph.Evaluate(Y, At.With("unused", 5.0)).ToScalar());
        Assert.Equal(new[] { "b", "w", "x" }, Reverse.Grad(Y, At.With("unused", 5.0)).Names);
    }

    [Fact]
    public void NamesMustBeNonEmptyAndDistinct()
    {
        Assert.Throws<ArgumentException>(() => Expr.Input(""));
        Assert.Throws<ArgumentException>(() => Expr.Input("  "));
        var twice = Assert.Throws<ArgumentException>(() => Bindings.Of(("x", 1.0), ("x", 2.0)));
        Assert.Contains("'x'", twice.Message);
        Assert.Throws<ArgumentException>(() => Bindings.From(new Dictionary<string, double> { [""] = 1.0 }));
        Assert.Throws<ArgumentException>(() => Bindings.Of(("", 1.0)));
        Assert.Throws<ArgumentException>(() => At.With(" ", 1.0));
        Assert.Throws<ArgumentException>(() => Graph.Substitute(Y, "", X));
    }

    [Fact]
    public void APrimitiveMustGetItsNumberOfArguments()
    {
        var unaryWithTwo = Assert.Throws<ArgumentException>(() => Expr.Apply(Primitives.Sin, X, W));
        Assert.Contains("'sin'", unaryWithTwo.Message);
        var binaryWithOne = Assert.Throws<ArgumentException>(() => Expr.Apply(Primitives.Add, X));
        Assert.Contains("'add'", binaryWithOne.Message);
        Assert.Throws<ArgumentException>(() => Expr.Apply(Primitives.PowerOf(2), X, W));
    }

    [Fact]
    public void APointAndADirectionOfDifferentLengthsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Forward.JvpOf(v => v[0], [1.0, 2.0], [1.0]));
        Assert.Equal("direction", e.ParamName);
    }

    [Fact]
    public void AFunctionReturningNullIsReported()
    {
        // Reverse and dual numbers are structs and cannot be null; an array of them can.
        Assert.Throws<InvalidOperationException>(() => Reverse.JacobianOf(_ => null!, [1.0]));
    }

    public static TheoryData<string, Action> NullCalls => new()
    {
        { "Expr.Input", () => Expr.Input(null!) },
        { "Expr.Apply(null, x)", () => Expr.Apply(null!, X) },
        { "Expr.Apply(p, null)", () => Expr.Apply(Primitives.Sin, (Expr)null!) },
        { "Expr.Apply(null, x, y)", () => Expr.Apply(null!, X, W) },
        { "Expr.Apply(p, null, y)", () => Expr.Apply(Primitives.Add, null!, W) },
        { "Expr.Apply(p, x, null)", () => Expr.Apply(Primitives.Add, X, null!) },
        { "Expr + null", () => _ = X + (Expr)null! },
        { "null * Expr", () => _ = (Expr)null! * X },
        { "-null", () => _ = -(Expr)null! },
        { "Expr.Sin(null)", () => Expr.Sin(null!) },
        { "Expr.Max(x, null)", () => Expr.Max(X, null!) },
        { "Expr.Pow(null, 2)", () => Expr.Pow(null!, 2.0) },
        { "Graph.Evaluate(null, at)", () => Graph.Evaluate((Expr)null!, At) },
        { "Graph.Evaluate(y, null)", () => Graph.Evaluate(Y, null!) },
        { "Graph.Inputs", () => Graph.Inputs(null!) },
        { "Graph.Nodes", () => Graph.Nodes(null!) },
        { "Graph.NodeCount", () => Graph.NodeCount(null!) },
        { "Graph.Substitute(null, ...)", () => Graph.Substitute(null!, "x", X) },
        { "Graph.Substitute(y, null, ...)", () => Graph.Substitute(Y, null!, X) },
        { "Graph.Substitute(y, x, null)", () => Graph.Substitute(Y, "x", null!) },
        { "Forward.Jvp(null, ...)", () => Forward.Jvp((Expr)null!, At, At) },
        { "Forward.Jvp(y, null, ...)", () => Forward.Jvp(Y, null!, At) },
        { "Forward.Jvp(y, at, null)", () => Forward.Jvp(Y, At, null!) },
        { "Forward.Grad(null, at)", () => Forward.Grad(null!, At) },
        { "Forward.Grad(y, null)", () => Forward.Grad(Y, null!) },
        { "Forward.Derivative", () => Forward.Derivative(null!, 1.0) },
        { "Forward.JvpOf(null, ...)", () => Forward.JvpOf(null!, [1.0], [1.0]) },
        { "Forward.JvpOf(f, null, ...)", () => Forward.JvpOf(v => v[0], null!, [1.0]) },
        { "Forward.JvpOf(f, p, null)", () => Forward.JvpOf(v => v[0], [1.0], null!) },
        { "Forward.GradOf(null, p)", () => Forward.GradOf<double>(null!, [1.0]) },
        { "Forward.GradOf(f, null)", () => Forward.GradOf<double>(v => v[0], null!) },
        { "Reverse.Vjp(null, at)", () => Reverse.Vjp(null!, At) },
        { "Reverse.Vjp(y, null)", () => Reverse.Vjp(Y, null!) },
        { "Reverse.Grad(null, at)", () => Reverse.Grad((Expr)null!, At) },
        { "Reverse.Grad(y, null)", () => Reverse.Grad(Y, null!) },
        { "Reverse.ValueAndGrad(null, at)", () => Reverse.ValueAndGrad((Expr)null!, At) },
        { "Reverse.ValueAndGrad(y, null)", () => Reverse.ValueAndGrad(Y, null!) },
        { "FlatGraph.Trace(null)", () => FlatGraph.Trace((Func<FlatExpr, FlatExpr>)null!) },
        { "FlatGraph.Trace(f, null)", () => FlatGraph.Trace(v => v[0], (string[])null!) },
        { "Graph.Evaluate(null flat graph, at)", () => Graph.Evaluate((FlatGraph)null!, At) },
        { "Reverse.Grad(null flat graph, at)", () => Reverse.Grad((FlatGraph)null!, At) },
        { "Reverse.ValueAndGrad(flat graph, null)", () => Reverse.ValueAndGrad(FlatGraph.Trace(x => x), null!) },
        { "Forward.Jvp(null flat graph, ...)", () => Forward.Jvp((FlatGraph)null!, At, At) },
        { "Reverse.VjpOf(null, p)", () => Reverse.VjpOf<double>(null!, [1.0]) },
        { "Reverse.VjpOf(f, null)", () => Reverse.VjpOf<double>(v => v[0], null!) },
        { "Reverse.GradOf(null, p)", () => Reverse.GradOf<double>(null!, [1.0]) },
        { "Reverse.GradOf(f, null)", () => Reverse.GradOf<double>(v => v[0], null!) },
        { "Reverse.ValueAndGradOf(null, p)", () => Reverse.ValueAndGradOf<double>(null!, [1.0]) },
        { "Reverse.ValueAndGradOf(f, null)", () => Reverse.ValueAndGradOf<double>(v => v[0], null!) },
        { "Dual.Apply(null, x)", () => Dual.Apply(null!, Dual.Variable(1.0)) },
        { "Dual.Apply(null, x, y)", () => Dual.Apply(null!, Dual.Variable(1.0), Dual.Constant(2.0)) },
        { "ReverseNumber.Apply(null, x)", () => ReverseNumber.Apply(null!, ReverseNumber.Variable(1.0)) },
        { "Bindings.Of(null)", () => Bindings.Of(null!) },
        { "Bindings.Of((null, v))", () => Bindings.Of((null!, 1.0)) },
        { "Bindings.From(null)", () => Bindings.From((IEnumerable<KeyValuePair<string, double>>)null!) },
        { "Bindings.From(null tensors)", () => Bindings.From((IEnumerable<KeyValuePair<string, Tensor>>)null!) },
        { "Bindings.With(null, v)", () => At.With(null!, 1.0) },
        { "Bindings[null]", () => _ = At[null!] },
        { "Gradient[null]", () => _ = Reverse.Grad(Y, At)[null!] },
        { "Differentiate.Expression(null)", () => Differentiate.Expression(null!) },
        { "At((Bindings)null)", () => Differentiate.Expression(Y).At((Bindings)null!) },
        { "At(((string, double)[])null)", () => Differentiate.Expression(Y).At(((string, double)[])null!) },
        { "DerivativeBy(null)", () => Differentiate.Expression(Y).At(At).DerivativeBy(null!) },
    };

    [Theory]
    [MemberData(nameof(NullCalls))]
    public void NullIsRejectedWithArgumentNullException(string call, Action action)
    {
        var e = Assert.Throws<ArgumentNullException>(action);
        Assert.False(string.IsNullOrEmpty(e.ParamName), $"{call}: no parameter name");
    }

    [Fact]
    public void NullIsNotANameButLookingItUpIsNotAnError()
    {
        // The non-throwing look-ups answer "no such name" for null rather than throwing.
        Assert.False(At.Contains(null!));
        Assert.Equal(5.0, At.GetOrDefault(null!, 5.0).ToScalar());
        Assert.False(X.Equals(null));
        Assert.False(X == null);
        Assert.True((Expr?)null == null);
    }
}
