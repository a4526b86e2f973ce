using System.Text.Json;
using FunctionalAD.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>
/// <c>fad train --csv data.csv --target y</c>: fits a linear model to a CSV file by mini-batch descent on the
/// mean squared error, reports progress, the final loss and R², and saves the parameters as JSON.
/// </summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override ValidationResult Validate(CommandContext context, TrainSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Csv)) return ValidationResult.Error("--csv <FILE> is required: the data to train on.");
        if (string.IsNullOrWhiteSpace(settings.Target)) return ValidationResult.Error("--target <COLUMN> is required: the column to predict.");
        if (settings.Epochs <= 0) return ValidationResult.Error($"--epochs must be a positive number, not {settings.Epochs}.");
        if (settings.Batch <= 0) return ValidationResult.Error($"--batch must be a positive number, not {settings.Batch}.");
        if (!(settings.LearningRate > 0)) return ValidationResult.Error($"--learning-rate must be a positive number, not {settings.LearningRate}.");
        if (settings.Patience is <= 0) return ValidationResult.Error($"--patience must be a positive number, not {settings.Patience}.");
        return ValidationResult.Success();
    }

    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Model != "linear")
            throw new CliException(settings.Model.StartsWith("mlp", StringComparison.Ordinal)
                ? $"--model {settings.Model}: multi-layer models are not available yet; use --model linear."
                : $"--model {settings.Model}: unknown model; use --model linear.");
        var optimizer = settings.Optimizer switch
        {
            "adam" => Optimizer.Adam(settings.LearningRate),
            "sgd" => Optimizer.Sgd(settings.LearningRate),
            "momentum" => Optimizer.Momentum(settings.LearningRate),
            var other => throw new CliException($"--optimizer {other}: unknown optimizer; use adam, sgd or momentum."),
        };
        var data = CsvData.Read(settings.Csv!);
        var target = settings.Target!;
        if (!data.Columns.Contains(target))
            throw new CliException($"--target {target}: the CSV has no such column; its columns are: {string.Join(", ", data.Columns)}.");
        var inputs = data.Columns.Where(c => c != target).ToArray();
        if (inputs.Length == 0) throw new CliException("The CSV has only the target column: a model needs at least one input column.");
        var parameters = inputs.Select(LinearModel.Weight).Prepend(LinearModel.Bias).ToArray();
        if (parameters.FirstOrDefault(data.Columns.Contains) is { } clash)
            throw new CliException($"The CSV has a column named '{clash}', which is the name of a parameter of the linear model; rename the column.");

        var model = LinearModel.Of(inputs);
        var rows = data.Rows.Select(values => Bindings.Of([.. data.Columns.Select((c, i) => (c, values[i]))])).ToArray();
        console.WriteLine($"model:    {target} = {model}");
        console.WriteLine($"data:     {rows.Length} rows of {settings.Csv}; inputs {string.Join(", ", inputs)}");
        console.WriteLine($"training: {settings.Optimizer}, learning rate {Numbers.Format(settings.LearningRate)}, batches of {settings.Batch}, up to {settings.Epochs} epochs, seed {settings.Seed}");
        var training = Train.Model(model)
            .StartingFrom([.. parameters.Select(p => (p, 0.0))])
            .On(rows, target)
            .With(optimizer)
            .InBatchesOf(settings.Batch)
            .ShuffledWithSeed(settings.Seed)
            .For(settings.Epochs);
        if (settings.Patience is { } patience) training = training.StopEarly(patience);
        var fit = TrainingView.Run(console, training, cancellationToken);

        var predictions = rows.Select(row => Graph.Evaluate(model, Bindings.From(row.Concat(fit.Parameters)))).ToArray();
        var actual = rows.Select(row => row[target]).ToArray();
        var mean = actual.Average();
        var residual = actual.Zip(predictions, (a, p) => (a - p) * (a - p)).Sum();
        var total = actual.Sum(a => (a - mean) * (a - mean));
        var r2 = total == 0 ? double.NaN : 1 - residual / total;

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("parameter");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var name in parameters) table.AddRow(Markup.Escape(name), Numbers.Format(fit.Parameters[name]));
        console.Write(table);
        console.WriteLine($"stopped:  {Describe(fit)}");
        console.WriteLine($"loss:     mean squared error {Numbers.Short(fit.InitialLoss)} -> {Numbers.Short(fit.FinalLoss)}");
        console.WriteLine($"fit:      R² = {Numbers.Short(r2)}");

        var json = JsonSerializer.Serialize(new
        {
            model = "linear",
            target,
            inputs,
            parameters = parameters.ToDictionary(p => p, p => fit.Parameters[p]),
            loss = fit.FinalLoss,
            r2 = double.IsFinite(r2) ? r2 : (double?)null,
            epochs = fit.Epochs,
        }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        var directory = Path.GetDirectoryName(Path.GetFullPath(settings.Save));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(settings.Save, json + "\n");
        console.WriteLine($"saved:    {settings.Save}");
        return fit.StopReason == StopReason.Diverged
            ? throw new CliException($"training diverged (the loss became {Numbers.Short(fit.FinalLoss)}): try a smaller --learning-rate; the parameters reached are in {settings.Save}.")
            : FadApp.Success;
    }

    private static string Describe(TrainingResult fit) => fit.StopReason switch
    {
        StopReason.EarlyStopping => $"early, after {fit.Epochs} epochs without further improvement",
        StopReason.Diverged => $"diverged after {fit.Epochs} epochs",
        _ => $"after all {fit.Epochs} epochs",
    };
}
