namespace FunctionalAD;

/// <summary>A checked computation (<see cref="Anomalies.CheckedGrad(Expr, Bindings, DifferentiationMode)"/>) produced NaN or an infinity.</summary>
public sealed class AnomalyException : ArithmeticException
{
    /// <summary>Creates the exception for <paramref name="anomaly"/>.</summary>
    public AnomalyException(Anomaly anomaly)
        : base($"NaN or infinity detected: {anomaly ?? throw new ArgumentNullException(nameof(anomaly))}.") =>
        Anomaly = anomaly;

    /// <summary>Where the NaN or infinity first appeared.</summary>
    public Anomaly Anomaly { get; }
}
