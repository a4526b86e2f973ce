using System.Globalization;
using FunctionalAD.Cli.Output;

namespace FunctionalAD.Cli.Data;

/// <summary>The <c>--model</c> option: <c>linear</c>, or <c>mlp:16,16</c> for hidden layers of those sizes.</summary>
internal static class ModelSpec
{
    public static IReadOnlyList<int> HiddenLayers(string spec)
    {
        var text = spec.Trim().ToLowerInvariant();
        if (text == "linear") return [];
        if (text == "mlp") return [16];
        if (!text.StartsWith("mlp:", StringComparison.Ordinal))
            throw new CliException($"--model '{UserText.Shown(spec)}' is not a model: use linear, or mlp:16,16 for hidden layers of those sizes.");
        var sizes = new List<int>();
        foreach (var part in text[4..].Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1 || size > 4096)
                throw new CliException($"--model '{UserText.Shown(spec)}': '{UserText.Shown(part.Trim())}' is not a layer size; give whole numbers from 1 to 4096, e.g. mlp:16,16.");
            sizes.Add(size);
        }
        return sizes;
    }

    public static Activation ActivationOf(string name) => name.Trim().ToLowerInvariant() switch
    {
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "sigmoid" => Activation.Sigmoid,
        _ => throw new CliException($"--activation '{UserText.Shown(name)}' is not an activation: use tanh, relu or sigmoid."),
    };
}
