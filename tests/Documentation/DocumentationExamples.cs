namespace FunctionalAD.Documentation.Tests;

/// <summary>
/// Every C# snippet of README.md and docs/concepts.md, run, with the results the documents show asserted.
/// If a snippet changes in a document, change it here too (and the other way round).
/// </summary>
public class DocumentationExamples
{
    private static readonly Expr W = Expr.Input("w"), X = Expr.Input("x"), B = Expr.Input("b");
    private static readonly Expr Y = W * X + B;
    private static readonly Bindings At = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));

    // README.md, "Example" (also samples/SeedExample/Program.cs), with its output.
    [Fact]
    public void ReadmeExample()
    {
        var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
        Expr y = w * x + b;
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));

        var lines = new[]
        {
            $"graph:   y = {y}",
            $"point:   {at}",
            $"value:   y = {Graph.Evaluate(y, at)}",
            $"reverse: {Reverse.Grad(y, at)}",
            $"forward: {Forward.Grad(y, at)}",
            $"façade:  dy/dw = {Differentiate.Expression(y).At(("x", 3.0), ("w", 2.0), ("b", 1.0)).Gradient()["w"]}",
        };
        Assert.Equal(
            [
                "graph:   y = w * x + b",
                "point:   b = 1, w = 2, x = 3",
                "value:   y = 7",
                "reverse: b = 1, w = 3, x = 2",
                "forward: b = 1, w = 3, x = 2",
                "façade:  dy/dw = 3",
            ],
            lines);
    }

    // README.md, functions on numbers.
    [Fact]
    public void ReadmeFunctionsOnNumbers()
    {
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, Reverse.GradOf(v => v[0] * v[1] + v[2], [2.0, 3.0, 1.0]));
        var derivative = Forward.Derivative(t => Dual.Sin(t) * t, 1.0);
        Assert.Equal(Math.Sin(1) + Math.Cos(1), derivative, 1e-15);
        Assert.Equal("1.3817732906760363", derivative.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    // README.md, functions written once with generic math.
    [Fact]
    public void ReadmeGenericFunctions()
    {
        Assert.Equal(12.0, Transform.Derivative(new Cube(), 2.0));
        Assert.Equal(6.0, Transform.NthDerivative(new Cube(), 3).Invoke(2.0));
    }

    private sealed class Cube : IRealFunction
    {
        public T Invoke<T>(T x) where T : System.Numerics.IFloatingPointIeee754<T> => x * x * x;
    }

    // README.md, compiling a graph.
    [Fact]
    public void ReadmeCompiledGraph()
    {
        var (y, at) = (Y, At);
        var grad = Reverse.Compile(y);
        Assert.Equal("b = 1, w = 3, x = 2", grad.Invoke(at).Gradient.ToString());
        Assert.Equal(Reverse.Grad(y, at), grad.Invoke(at).Gradient);
    }

    // docs/concepts.md, "The graph".
    [Fact]
    public void ConceptsTheGraph()
    {
        var (w, x, b) = (Expr.Input("w"), Expr.Input("x"), Expr.Input("b"));
        Expr y = w * x + b;
        var at = Bindings.Of(("x", 3.0), ("w", 2.0), ("b", 1.0));

        Assert.Equal(7.0, Graph.Evaluate(y, at).ToScalar());
        Assert.Equal(5, Graph.NodeCount(y));
        Assert.Equal(new[] { "w", "x", "w * x", "b", "w * x + b" }, Graph.Nodes(y).Select(n => n.ToString()));
        Assert.Equal(new[] { "b", "w", "x" }, Graph.Inputs(y));
        Assert.Equal("w * x + b", y.ToString());

        var substituted = Graph.Substitute(y, "x", Expr.Constant(5));
        Assert.Equal("w * 5 + b", substituted.ToString());
        Assert.Equal("w * x + b", y.ToString());
        Assert.Same(((ApplyNode)y).Arguments[1], ((ApplyNode)substituted).Arguments[1]); // b, reused
    }

    // docs/concepts.md, "Sharing".
    [Fact]
    public void ConceptsSharing()
    {
        var x = X;
        var s = x + 1;
        var square = s * s;
        Assert.Equal(4, Graph.NodeCount(square));
        Assert.Equal(6.0, Reverse.Grad(square, Bindings.Of(("x", 2.0)))["x"].ToScalar());
        Assert.Equal(6, Graph.NodeCount((x + 1) * (x + 1)));

        Expr doubled = x;
        for (var i = 0; i < 60; i++) doubled += doubled;
        Assert.Equal(61, Graph.NodeCount(doubled));
    }

    // docs/concepts.md, "Structural equality".
    [Fact]
    public void ConceptsStructuralEquality()
    {
        Assert.True(Expr.Input("w") * Expr.Input("x") + Expr.Input("b") == Y);
        Assert.Equal((Expr.Input("w") * Expr.Input("x") + Expr.Input("b")).GetHashCode(), Y.GetHashCode());
        Assert.True(Expr.Constant(0.0) != Expr.Constant(-0.0));
        Assert.Equal("a - (b - c)", (Expr.Input("a") - (Expr.Input("b") - Expr.Input("c"))).ToString());
    }

    // docs/concepts.md, "The primitives".
    [Fact]
    public void ConceptsThePrimitives()
    {
        var mul = Expr.Apply(Primitives.Multiply, Expr.Input("w"), Expr.Input("x"));
        var at = Bindings.Of(("w", 2.0), ("x", 3.0));
        Assert.Equal(6.0, Graph.Evaluate(mul, at).ToScalar());
        Assert.Equal(2.0, Forward.Jvp(mul, at, Bindings.Of(("x", 1.0))).Tangent.ToScalar());
        Assert.Equal("w = 3, x = 2", Reverse.Grad(mul, at).ToString());
        // The document's table names every primitive and family of the catalogue, as `name` in its second column.
        var concepts = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "concepts.md"));
        var table = concepts[concepts.IndexOf("| Primitive | Name (parser, JSON) |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var named = table.Split('\n').Select(row => row.Split('|')).Where(cells => cells.Length > 3).Select(cells => cells[2]);
        foreach (var name in Primitives.All.Select(p => p.Name).Concat(Primitives.Families.Select(f => f.Name)))
            Assert.Contains(named, cell => System.Text.RegularExpressions.Regex.IsMatch(cell, $@"[`(]{name}[`(]"));
        Assert.Equal(["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt", "sin", "cos", "tan",
            "tanh", "sigmoid", "softplus", "relu", "abs", "min", "max"], Primitives.All.Take(19).Select(p => p.Name));
        Assert.Equal(["clamp", "elu", "leaky_relu", "powc"], Primitives.Families.Select(f => f.Name));
        Assert.Equal(Primitives.All.Skip(19).Select(p => p.Name).Order(StringComparer.Ordinal), Primitives.All.Skip(19).Select(p => p.Name));
    }

    // docs/concepts.md, "The primitives": NaN at an input, and log at −1.
    [Fact]
    public void ConceptsNaNPropagation()
    {
        var gradient = Reverse.Grad(Y, At.With("x", double.NaN));
        Assert.True(double.IsNaN(Graph.Evaluate(Y, At.With("x", double.NaN))));
        Assert.True(double.IsNaN(gradient["w"]));
        Assert.Equal(2.0, gradient["x"].ToScalar());
        Assert.Equal(1.0, gradient["b"].ToScalar());
        Assert.True(double.IsNaN(Graph.Evaluate(Expr.Log(X), Bindings.Of(("x", -1.0)))));
        Assert.Equal(-1.0, Reverse.Grad(Expr.Log(X), Bindings.Of(("x", -1.0)))["x"].ToScalar());
    }

    // docs/concepts.md, "An exact zero is a strong zero".
    [Fact]
    public void ConceptsZeroCotangents()
    {
        var x = X;
        Assert.Equal(0.0, Reverse.Grad(0.0 * Expr.Sqrt(x), Bindings.Of(("x", 0.0)))["x"].ToScalar());
        Assert.Equal(0.0, Forward.Grad(0.0 * Expr.Sqrt(x), Bindings.Of(("x", 0.0)))["x"].ToScalar());
        Assert.Equal(0.0, Forward.Grad(Expr.Sqrt(0.0 * x), Bindings.Of(("x", 1.0)))["x"].ToScalar());
        Assert.Equal(0.0, Reverse.Grad(Expr.Sqrt(0.0 * x), Bindings.Of(("x", 1.0)))["x"].ToScalar());
    }

    // docs/concepts.md, "Forward mode".
    [Fact]
    public void ConceptsForwardMode()
    {
        var (y, at) = (Y, At);
        Assert.Equal("ValueAndTangent { Value = 7, Tangent = 2 }", Forward.Jvp(y, at, Bindings.Of(("x", 1.0))).ToString());
        Assert.Equal("ValueAndTangent { Value = 7, Tangent = 6 }", Forward.Jvp(y, at, Bindings.Of(("w", 1.0), ("x", 1.0), ("b", 1.0))).ToString());
        double dydx = Forward.Jvp(y, at, Bindings.Of(("x", 1.0))).Tangent;
        Assert.Equal(2.0, dydx);
        Assert.Equal("b = 1, w = 3, x = 2", Forward.Grad(y, at).ToString());
    }

    // docs/concepts.md, "Reverse mode".
    [Fact]
    public void ConceptsReverseMode()
    {
        var (y, at) = (Y, At);
        var vjp = Reverse.Vjp(y, at);
        Assert.Equal(7.0, vjp.Value.ToScalar());
        Assert.Equal("b = 1, w = 3, x = 2", vjp.Pullback(1).ToString());
        Assert.Equal("b = 10, w = 30, x = 20", vjp.Pullback(10).ToString());
        Assert.Equal(3.0, Reverse.Grad(y, at)["w"].ToScalar());

        // The transpose identity along v = x and u = 10.
        Assert.Equal((10 * Forward.Jvp(y, at, Bindings.Of(("x", 1.0))).Tangent).ToScalar(), vjp.Pullback(10)["x"].ToScalar());
        Assert.Equal(20.0, vjp.Pullback(10)["x"].ToScalar());
    }

    // docs/concepts.md, "Compiled graphs".
    [Fact]
    public void ConceptsCompiledGraphs()
    {
        var (y, at) = (Y, At);
        var grad = Reverse.Compile(y);
        Assert.Same(grad, Reverse.Compile(y));
        var both = grad.Invoke(at);
        Assert.Equal(7.0, both.Value);
        Assert.Equal("b = 1, w = 3, x = 2", both.Gradient.ToString());

        Assert.Equal(new[] { "b", "w", "x" }, grad.Inputs.ToArray());
        var gradient = new double[3];
        Assert.Equal(7.0, grad.Invoke([1.0, 2.0, 3.0], gradient));
        Assert.Equal([1.0, 3.0, 2.0], gradient);

        Assert.Equal("ValueAndTangent { Value = 7, Tangent = 2 }", Forward.Compile(y).Invoke(at, Bindings.Of(("x", 1.0))).ToString());
    }

    // docs/concepts.md, "Two ways to write a function".
    [Fact]
    public void ConceptsTwoWaysToWriteAFunction()
    {
        Assert.Equal(2.0, Forward.Derivative(t => 2.0 * t + 1.0, 3.0));
        Assert.Equal("7 + 2ε", Forward.JvpOf(v => v[0] * v[1] + v[2], [2.0, 3.0, 1.0], [0.0, 1.0, 0.0]).ToString());
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, Reverse.GradOf(v => v[0] * v[1] + v[2], [2.0, 3.0, 1.0]));
        var both = Reverse.ValueAndGradOf(v => v[0] * v[1] + v[2], [2.0, 3.0, 1.0]);
        Assert.Equal(7.0, both.Value);
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, both.Gradient);
    }

    // docs/concepts.md, the façade.
    [Fact]
    public void ConceptsTheFacade()
    {
        var y = Y;
        var point = Differentiate.Expression(y).At(("x", 3.0), ("w", 2.0), ("b", 1.0));
        Assert.Equal(7.0, point.Value());
        Assert.Equal("b = 1, w = 3, x = 2", point.Gradient().ToString());
        Assert.Equal(Mode.Reverse, point.Mode);
        Assert.Equal("b = 1, w = 3, x = 2", point.Forward().Gradient().ToString());
        Assert.Equal(2.0, point.DerivativeBy("x"));
    }

    // docs/concepts.md, the errors named at the end of "Two ways to write a function".
    [Fact]
    public void ConceptsMistakesFailEarly()
    {
        Assert.Equal("w", Assert.Throws<UnboundInputException>(() => Graph.Evaluate(Y, Bindings.Of(("x", 3.0), ("b", 1.0)))).InputName);
        Assert.Contains("b, w, x", Assert.Throws<KeyNotFoundException>(() => Reverse.Grad(Y, At)["q"]).Message);
        Assert.Throws<ArgumentNullException>(() => Graph.Evaluate((Expr)null!, At));
    }

    // README.md, "Training".
    [Fact]
    public void ReadmeTraining()
    {
        var (w, x, b) = (W, X, B);
        var random = new Random(1);                       // 50 noisy points of y = 2x + 1
        var rows = Enumerable.Range(0, 50).Select(_ =>
        {
            var xi = random.NextDouble() * 6 - 3;
            return Bindings.Of(("x", xi), ("y", 2 * xi + 1 + 0.1 * (random.NextDouble() - 0.5)));
        }).ToArray();

        TrainingResult fit = Train.Model(w * x + b)       // w and b are the parameters, x comes from each row
            .StartingFrom(("w", 0.0), ("b", 0.0))
            .On(rows, target: "y")
            .Minimizing(Loss.MeanSquaredError)
            .With(Optimizer.Adam(learningRate: 0.05))     // or Optimizer.Sgd(0.05), Optimizer.Momentum(0.01, beta: 0.9)
            .InBatchesOf(10)
            .ShuffledWithSeed(7)                          // the same seed gives the same history, bit for bit
            .For(epochs: 200)
            .StopEarly(patience: 10, minImprovement: 1e-9)
            .Run();                                       // or .Run(progress): an IProgress<TrainingProgress> per epoch

        // Uniform noise of width 0.1 has sd 0.1/√12 ≈ 0.029; over x in [−3, 3] the standard errors of w and b
        // are about 0.029/√(50·3) ≈ 0.0024 and 0.029/√50 ≈ 0.004: "≈ 2" and "≈ 1" mean within 0.02.
        Assert.Equal(2.0, fit.Parameters["w"].ToScalar(), 0.02);
        Assert.Equal(1.0, fit.Parameters["b"].ToScalar(), 0.02);
        Assert.Equal(StopReason.EarlyStopping, fit.StopReason);
        Assert.Equal(fit.Epochs, fit.Losses.Length);
        Assert.True(fit.Epochs < 200);
        Assert.True(fit.FinalLoss < fit.InitialLoss);
    }

    // README.md, "Expressions as text, graphs as pictures".
    [Fact]
    public void ReadmeExpressionsAndPictures()
    {
        var (w, x, b) = (W, X, B);
        Expr f = Expression.Parse("sin(x) * y ^ 2");
        Assert.Equal("x = 9, y = 0", Reverse.Grad(f, Bindings.Of(("x", 0.0), ("y", 3.0))).ToString());
        var e = Assert.Throws<ExpressionParseException>(() => Expression.Parse("1 + 2 +"));
        Assert.Equal("column 8: expected an expression after '+'", e.Message);

        string dot = Export.ToDot(w * x + b);
        string mermaid = Export.ToMermaid(w * x + b);
        Assert.StartsWith("digraph G {", dot);
        Assert.StartsWith("flowchart LR", mermaid);
        // The README shows the Mermaid text of y = w * x + b, as fad demo writes it.
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains("```mermaid\n" + mermaid + "```", readme.ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "FunctionalAD.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("FunctionalAD.sln not found above " + AppContext.BaseDirectory);
    }

    // docs/concepts.md, "Finite differences and pictures".
    [Fact]
    public void ConceptsFiniteDifferencesAndPictures()
    {
        var (y, at) = (Y, At);
        var estimate = Graph.CentralDifferences(y, at);
        Assert.Equal(new[] { "b", "w", "x" }, estimate.Names);
        Assert.Equal(1.0, estimate["b"], 1e-9);
        Assert.Equal(3.0, estimate["w"], 1e-9);
        Assert.Equal(2.0, estimate["x"], 1e-9);

        var dot = Properties.Support.DrawnGraph.FromDot(Export.ToDot(y));
        Assert.Equal(new[] { ("*", "+"), ("+", "y"), ("b", "+"), ("w", "*"), ("x", "*") }, dot.LabelledEdges.Order());
        Assert.StartsWith("flowchart LR", Export.ToMermaid(y, "y"));
        Assert.Equal(Export.ToMermaid(y), Export.ToMermaid(y, "y"));
    }
}
