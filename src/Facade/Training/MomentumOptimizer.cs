namespace FunctionalAD;

/// <summary>Gradient descent with momentum; made by <see cref="Optimizer.Momentum"/>.</summary>
public sealed record MomentumOptimizer : Optimizer
{
    internal MomentumOptimizer(double learningRate, double beta) : base(learningRate) =>
        Beta = CheckBeta(beta, nameof(beta));

    /// <summary>How much of the previous velocity each step keeps.</summary>
    public double Beta { get; }

    private protected override void Update(double[] p, double[] g, double[] m, double[] v, long step)
    {
        for (var i = 0; i < p.Length; i++)
        {
            m[i] = Beta * m[i] + g[i];
            p[i] -= LearningRate * m[i];
        }
    }
}
