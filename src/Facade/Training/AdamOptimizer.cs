namespace FunctionalAD;

/// <summary>Adam; made by <see cref="Optimizer.Adam"/>.</summary>
public sealed record AdamOptimizer : Optimizer
{
    internal AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon) : base(learningRate)
    {
        Beta1 = CheckBeta(beta1, nameof(beta1));
        Beta2 = CheckBeta(beta2, nameof(beta2));
        Epsilon = epsilon > 0 && double.IsFinite(epsilon)
            ? epsilon
            : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"epsilon must be a positive finite number, not {epsilon}.");
    }

    /// <summary>Decay of the gradient average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the squared-gradient average.</summary>
    public double Beta2 { get; }

    /// <summary>Keeps the division finite.</summary>
    public double Epsilon { get; }

    private protected override void Update(double[] p, double[] g, double[] m, double[] v, long step)
    {
        // The bias corrections undo the pull towards zero of averages that start at zero.
        var correction1 = 1 - Math.Pow(Beta1, step);
        var correction2 = 1 - Math.Pow(Beta2, step);
        for (var i = 0; i < p.Length; i++)
        {
            m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
            v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
            p[i] -= LearningRate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + Epsilon);
        }
    }
}
