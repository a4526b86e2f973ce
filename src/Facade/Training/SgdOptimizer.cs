namespace FunctionalAD;

/// <summary>Plain gradient descent; made by <see cref="Optimizer.Sgd"/>.</summary>
public sealed record SgdOptimizer : Optimizer
{
    internal SgdOptimizer(double learningRate) : base(learningRate) { }

    private protected override void Update(double[] p, double[] g, double[] m, double[] v, long step)
    {
        for (var i = 0; i < p.Length; i++) p[i] -= LearningRate * g[i];
    }
}
