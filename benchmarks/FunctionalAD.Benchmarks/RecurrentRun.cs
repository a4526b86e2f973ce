using System.Diagnostics;

namespace FunctionalAD.Benchmarks;

/// <summary>
/// A recurrent model as one <c>fold</c> node: h ← tanh(W·h + b) with a 64-dimensional state, N steps from h0, loss Σ h_N.
/// Times one evaluation and one gradient with respect to W, b and h0 (√N checkpoints), checks ∂loss/∂W[0,0] against a
/// central difference, and reads the process's peak working set. Run as
/// <c>dotnet run -c Release --project benchmarks/FunctionalAD.Benchmarks -- --recurrent 1000000</c>.
/// </summary>
public static class RecurrentRun
{
    private const int Width = 64;

    public static int Run(int n)
    {
        var (w, b, h0) = (Expr.Input("W", Shape.Matrix(Width, Width)), Expr.Input("b", Shape.Vector(Width)), Expr.Input("h0", Shape.Vector(Width)));
        var loss = Expr.Sum(Expr.Fold(h0, n, h => Expr.Tanh(Expr.MatMul(w, h) + b)));
        var random = new Random(2026);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var weights = new double[Width, Width];
        for (var i = 0; i < Width; i++)
        for (var j = 0; j < Width; j++) weights[i, j] = 0.9 * Normal() / Math.Sqrt(Width);
        Bindings At(double shift) => Bindings.Of(
            ("W", Tensor.Create(Shape.Matrix(Width, Width), (i, j) => weights[i, j] + (i == 0 && j == 0 ? shift : 0))),
            ("b", Tensor.Vector([.. Enumerable.Range(0, Width).Select(i => 0.5 * Math.Sin(i))])),
            ("h0", Tensor.Vector([.. Enumerable.Range(0, Width).Select(i => 0.5 * Math.Cos(i))])));
        var at = At(0);
        // Warm up the JIT on a short run of the same body.
        var warm = Expr.Sum(Expr.Fold(h0, 100, h => Expr.Tanh(Expr.MatMul(w, h) + b)));
        for (var k = 0; k < 3; k++) _ = (Graph.Evaluate(warm, at), Reverse.Grad(warm, at));

        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var clock = Stopwatch.StartNew();
        var value = Graph.Evaluate(loss, at).ToScalar();
        var forward = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var gradient = Reverse.Grad(loss, at);
        var backward = clock.Elapsed.TotalMilliseconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        const double step = 1e-5;
        var central = (Graph.Evaluate(loss, At(step)).ToScalar() - Graph.Evaluate(loss, At(-step)).ToScalar()) / (2 * step);
        var reverse = gradient["W"].ToArray()[0];
        Console.WriteLine($"Recurrent model h ← tanh(W·h + b), {Width}-dimensional state, N = {n:N0}, one fold node");
        Console.WriteLine($"  loss {value:R}");
        Console.WriteLine($"  evaluate:                 {forward,9:F1} ms");
        Console.WriteLine($"  gradient (√N checkpoints):{backward,9:F1} ms = {backward / forward:F2} × evaluate");
        Console.WriteLine($"  ∂loss/∂W[0,0]: reverse {reverse:R}, central difference {central:R}, relative difference {Math.Abs(reverse - central) / Math.Abs(central):E2}");
        Console.WriteLine($"  process peak working set after the gradient: {peak / 1e6:F0} MB (before the model ran: {before / 1e6:F0} MB)");
        return 0;
    }
}
