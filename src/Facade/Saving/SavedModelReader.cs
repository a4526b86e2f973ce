using System.Collections.Immutable;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// Reads the JSON of a parameters file into the parts of a <see cref="SavedModel"/>, checking each field and
/// naming the first one that is missing or wrong.
/// </summary>
internal static class SavedModelReader
{
    internal delegate SavedModel Make(
        Model model, Bindings parameters, string target, bool classification, ImmutableArray<string> features,
        ImmutableArray<string> classes, ImmutableArray<ColumnEncoding> encodings, ImmutableArray<double> means,
        ImmutableArray<double> scales, double targetMean, double targetScale);

    public static SavedModel Read(JsonElement root, string source, Make make)
    {
        InvalidDataException Bad(string what) => new($"{source} is not a model file of format {SavedModel.FormatName}: {what}.");
        JsonElement Field(JsonElement element, string name, JsonValueKind kind, string where)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) throw Bad($"{where} has no '{name}'");
            if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
                throw Bad($"'{name}' of {where} is not {kind.ToString().ToLowerInvariant()}");
            return value;
        }
        string[] Strings(JsonElement array, string name) => [.. array.EnumerateArray().Select(e =>
            e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad($"'{name}' holds {e.ValueKind.ToString().ToLowerInvariant()}, not names"))];
        double[] Numbers(JsonElement array, string name) => [.. array.EnumerateArray().Select(e =>
            e.ValueKind == JsonValueKind.Number ? e.GetDouble() : throw Bad($"'{name}' holds {e.ValueKind.ToString().ToLowerInvariant()}, not numbers"))];

        if (root.ValueKind != JsonValueKind.Object) throw Bad("it is not a JSON object");
        var format = Field(root, "format", JsonValueKind.String, "the file").GetString();
        if (format != SavedModel.FormatName)
            throw new InvalidDataException($"{source} has format '{format}'; this version reads {SavedModel.FormatName} (train the model again to write it).");
        var task = Field(root, "task", JsonValueKind.String, "the file").GetString();
        if (task is not ("classification" or "regression")) throw Bad($"the task '{task}' is neither classification nor regression");
        var classification = task == "classification";
        var target = Field(root, "target", JsonValueKind.String, "the file").GetString()!;
        var features = Strings(Field(root, "features", JsonValueKind.Array, "the file"), "features");

        var architecture = Field(root, "architecture", JsonValueKind.Object, "the file");
        var hidden = Numbers(Field(architecture, "hidden", JsonValueKind.Array, "'architecture'"), "hidden").Select(v => (int)v).ToArray();
        var activationName = Field(architecture, "activation", JsonValueKind.String, "'architecture'").GetString();
        var activation = new[] { Activation.Tanh, Activation.Relu, Activation.Sigmoid, Activation.Identity }.FirstOrDefault(a => a.Name == activationName)
            ?? throw Bad($"'{activationName}' is not an activation");
        var outputs = Field(architecture, "outputs", JsonValueKind.Number, "'architecture'").GetInt32();
        if (features.Length == 0 || outputs < 1 || hidden.Any(h => h < 1)) throw Bad("the architecture has a size below 1");
        var model = Model.Perceptron(features.Length, hidden, outputs, activation);

        var classes = classification
            ? Field(root, "classes", JsonValueKind.Array, "the file").EnumerateArray().Select(e => e.ValueKind switch
            {
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.Number => e.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                _ => throw Bad("'classes' holds neither names nor numbers"),
            }).ToArray()
            : [];
        if (classification && classes.Length != outputs) throw Bad($"{classes.Length} classes for {outputs} outputs");

        var standardize = Field(root, "standardize", JsonValueKind.Object, "the file");
        var means = Numbers(Field(standardize, "means", JsonValueKind.Array, "'standardize'"), "means");
        var scales = Numbers(Field(standardize, "scales", JsonValueKind.Array, "'standardize'"), "scales");
        if (means.Length != features.Length || scales.Length != features.Length) throw Bad("'standardize' does not have one mean and one scale per feature");
        var (targetMean, targetScale) = classification ? (0.0, 1.0) : (
            Field(standardize, "targetMean", JsonValueKind.Number, "'standardize'").GetDouble(),
            Field(standardize, "targetScale", JsonValueKind.Number, "'standardize'").GetDouble());

        var encodings = Field(root, "columns", JsonValueKind.Array, "the file").EnumerateArray().Select(column =>
        {
            var name = Field(column, "name", JsonValueKind.String, "a column").GetString()!;
            if (column.TryGetProperty("words", out var wordsElement) && wordsElement.ValueKind == JsonValueKind.Array)
            {
                var words = Strings(wordsElement, "words").ToImmutableArray();
                var fill = words.IndexOf(Field(column, "fill", JsonValueKind.String, $"the column '{name}'").GetString()!);
                if (fill < 0) throw Bad($"the fill of the column '{name}' is not one of its words");
                return new ColumnEncoding(name, words, double.NaN, fill);
            }
            return new ColumnEncoding(name, null, Field(column, "fill", JsonValueKind.Number, $"the column '{name}'").GetDouble(), -1);
        }).ToImmutableArray();
        if (encodings.Sum(e => e.Words?.Length ?? 1) != features.Length) throw Bad("its columns do not make its features");

        var parameters = Field(root, "parameters", JsonValueKind.Array, "the file").EnumerateArray().Select(p =>
        {
            var name = Field(p, "name", JsonValueKind.String, "a parameter").GetString()!;
            var shape = Numbers(Field(p, "shape", JsonValueKind.Array, $"the parameter '{name}'"), "shape").Select(v => (int)v).ToArray();
            var values = Numbers(Field(p, "values", JsonValueKind.Array, $"the parameter '{name}'"), "values");
            if (shape.Length is < 1 or > 2 || shape.Any(s => s < 1) || shape.Aggregate(1, (a, b) => a * b) != values.Length)
                throw Bad($"the parameter '{name}' has {values.Length} values for the shape [{string.Join(", ", shape)}]");
            var tensor = shape.Length == 1 ? Tensor.Vector(values) : Tensor.Create(Shape.Matrix(shape[0], shape[1]), (r, c) => values[r * shape[1] + c]);
            return (name, tensor);
        }).ToArray();
        var bindings = Bindings.Of(parameters);
        try
        {
            model.CheckParameters(bindings, "parameters");
        }
        catch (ArgumentException e)
        {
            throw Bad(e.Message.Split(" (Parameter")[0].TrimEnd('.'));
        }
        return make(model, bindings, target, classification, [.. features], [.. classes], encodings, [.. means], [.. scales], targetMean, targetScale);
    }
}
