namespace FunctionalAD.Cli.Commands;

/// <summary>y = Σ weight(xᵢ)·xᵢ + bias over the named inputs, as a graph: the model of <c>fad train --model linear</c>.</summary>
internal static class LinearModel
{
    public const string Bias = "bias";

    public static string Weight(string input) => $"weight({input})";

    public static Expr Of(IReadOnlyList<string> inputs)
    {
        Expr model = Expr.Input(Bias);
        // Bias first, then the inputs in column order: the graph reads bias + weight(a) * a + weight(b) * b …
        foreach (var input in inputs) model = model + Expr.Input(Weight(input)) * Expr.Input(input);
        return model;
    }
}
