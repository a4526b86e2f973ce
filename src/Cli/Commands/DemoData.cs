namespace FunctionalAD.Cli.Commands;

/// <summary>
/// The demo's data set: 50 noisy samples of y = 2x + 1, made from a fixed seed so every run fits the same
/// points (System.Random with a seed gives the same numbers on every .NET since 6).
/// </summary>
internal static class DemoData
{
    public const double TrueW = 2, TrueB = 1, Noise = 0.3;
    public const int Count = 50, Seed = 2026;

    public static Bindings[] Rows()
    {
        var random = new Random(Seed);
        return [.. Enumerable.Range(0, Count).Select(_ =>
        {
            var x = Math.Round(random.NextDouble() * 6 - 3, 3);
            // Box–Muller: a standard normal from two uniforms.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Bindings.Of(("x", x), ("y", Math.Round(TrueW * x + TrueB + Noise * normal, 3)));
        })];
    }
}
