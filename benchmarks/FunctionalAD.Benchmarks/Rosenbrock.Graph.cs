namespace FunctionalAD.Benchmarks;

// Compiled into the property tests as well (linked in their project), so the tests check the graph the benchmarks time.
public static partial class Rosenbrock
{
    /// <summary>Extended Rosenbrock of inputs x0 … x(n−1) with one node per operation (about 11 nodes per term).</summary>
    public static Expr Graph(int n)
    {
        var x = Enumerable.Range(0, n).Select(i => Expr.Input($"x{i}")).ToArray();
        Expr sum = 0.0;
        for (var i = 0; i < n - 1; i++)
        {
            var a = x[i + 1] - x[i] * x[i];
            var b = 1.0 - x[i];
            sum = sum + 100.0 * (a * a) + b * b;
        }
        return sum;
    }
}
