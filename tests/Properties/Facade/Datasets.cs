namespace FunctionalAD.Properties.Facade;

/// <summary>Small seeded classification and regression sets, made here independently of the library.</summary>
public static class Datasets
{
    /// <summary>Two interleaved half circles (scikit-learn's make_moons) with Gaussian noise; labels 0 and 1.</summary>
    public static (double[,] Features, int[] Labels) TwoMoons(int count, double noise, int seed)
    {
        var random = new Random(seed);
        var features = new double[count, 2];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            var angle = Math.PI * random.NextDouble();
            // The upper moon is the half circle around (0, 0); the lower one is shifted to (1, 0.5) and flipped.
            var (x, y) = label == 0 ? (Math.Cos(angle), Math.Sin(angle)) : (1 - Math.Cos(angle), 0.5 - Math.Sin(angle));
            features[i, 0] = x + noise * Normal(random);
            features[i, 1] = y + noise * Normal(random);
            labels[i] = label;
        }
        return (features, labels);
    }

    /// <summary>Clouds around the four corners (±1, ±1); the label is 1 where the signs differ (exclusive or).</summary>
    public static (double[,] Features, int[] Labels) Xor(int count, double spread, int seed)
    {
        var random = new Random(seed);
        var features = new double[count, 2];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var (a, b) = (i % 2, i / 2 % 2);
            features[i, 0] = (2 * a - 1) + spread * Normal(random);
            features[i, 1] = (2 * b - 1) + spread * Normal(random);
            labels[i] = a ^ b;
        }
        return (features, labels);
    }

    /// <summary>Box–Muller: a standard normal from two uniforms.</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
