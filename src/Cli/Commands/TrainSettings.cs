using System.ComponentModel;
using Spectre.Console.Cli;

namespace FunctionalAD.Cli.Commands;

/// <summary>The arguments of <c>fad train</c>.</summary>
internal sealed class TrainSettings : CommandSettings
{
    [CommandOption("--csv <FILE>")]
    [Description("The data: a CSV file with a header row of column names and rows of numbers.")]
    public string? Csv { get; init; }

    [CommandOption("--target <COLUMN>")]
    [Description("The column to predict; every other column is an input of the model.")]
    public string? Target { get; init; }

    [CommandOption("--model <MODEL>")]
    [Description("The model: 'linear', y = w1*x1 + ... + wn*xn + b.")]
    [DefaultValue("linear")]
    public string Model { get; init; } = "linear";

    [CommandOption("--epochs <N>")]
    [Description("The most epochs (passes over the data).")]
    [DefaultValue(100)]
    public int Epochs { get; init; } = 100;

    [CommandOption("--batch <N>")]
    [Description("Rows per mini-batch.")]
    [DefaultValue(32)]
    public int Batch { get; init; } = 32;

    [CommandOption("--optimizer <NAME>")]
    [Description("adam, sgd or momentum.")]
    [DefaultValue("adam")]
    public string Optimizer { get; init; } = "adam";

    [CommandOption("--learning-rate <RATE>")]
    [Description("The optimizer's learning rate.")]
    [DefaultValue(0.01)]
    public double LearningRate { get; init; } = 0.01;

    [CommandOption("--seed <N>")]
    [Description("The seed of the shuffle before each epoch: the same seed gives the same run.")]
    [DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--patience <N>")]
    [Description("Stop after N epochs in a row without improvement (default: never stop early).")]
    public int? Patience { get; init; }

    [CommandOption("--save <FILE>")]
    [Description("Where to write the learned parameters as JSON.")]
    [DefaultValue("parameters.json")]
    public string Save { get; init; } = "parameters.json";
}
