using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A graph model fitted on rows of bindings: its inputs are split into the parameters, which training adjusts, and
/// the data inputs, which each row binds. Each row's loss is a graph of the parameters alone (the row's data
/// substituted as constants), and a batch's loss is the mean of its rows'.
/// </summary>
internal sealed record GraphLearner : Learner
{
    public GraphLearner(Expr model)
    {
        Model = model;
        Inputs = FunctionalAD.Graph.Inputs(model);
    }

    public Expr Model { get; }

    private ImmutableArray<string> Inputs { get; }

    private ImmutableArray<Bindings> Rows { get; init; } = [];

    private string? Target { get; init; }

    private ImmutableArray<Bindings> HeldOut { get; init; } = [];

    public override Bindings DefaultParameters => Bindings.Empty;

    public override void Check(Bindings parameters, string argument)
    {
        if (parameters.Count == 0)
            throw new ArgumentException($"Name at least one parameter to fit; the model's inputs are: {List(Inputs)}.", argument);
        foreach (var (name, value) in parameters)
        {
            if (!Inputs.Contains(name))
                throw new ArgumentException($"The parameter '{name}' is not an input of the model; its inputs are: {List(Inputs)}.", argument);
            if (!value.Shape.IsScalar)
                throw new ArgumentException(
                    $"The parameter '{name}' has shape {value.Shape}, but a graph model trained on rows takes scalar parameters; train tensors as a Model.", argument);
        }
    }

    public GraphLearner On(IEnumerable<Bindings> rows, string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return this with { Rows = Copy(rows, "training data"), Target = target };
    }

    public GraphLearner ValidatingOn(IEnumerable<Bindings> rows) => this with { HeldOut = Copy(rows, "held-out data") };

    public override TrainingProblem Prepare(Training training)
    {
        var parameters = training.InitialParameters;
        if (parameters.Count == 0)
            throw new InvalidOperationException($"Name the parameters to fit with StartingFrom(...); the model's inputs are: {List(Inputs)}.");
        if (Rows.IsEmpty || Target is null)
            throw new InvalidOperationException("Give the training data with On(rows, target) before Run().");
        if (Inputs.Contains(Target))
            throw new ArgumentException($"The target '{Target}' is an input of the model; the target is the value the model should predict.", "target");
        var examples = ExampleLosses(Rows, "training data", parameters, training.Loss);
        var whole = Mean(examples, Enumerable.Range(0, examples.Length));
        Func<Bindings, double>? validationLoss = null;
        if (!HeldOut.IsEmpty)
        {
            var heldOut = ExampleLosses(HeldOut, "held-out data", parameters, training.Loss);
            var heldOutWhole = Mean(heldOut, Enumerable.Range(0, heldOut.Length));
            validationLoss = p => FunctionalAD.Graph.Evaluate(heldOutWhole, p);
        }
        return new TrainingProblem(
            examples.Length,
            Loss: p => FunctionalAD.Graph.Evaluate(whole, p),
            Gradient: (p, batch) => Reverse.Grad(Mean(examples, batch), p),
            validationLoss);
    }

    /// <summary>The loss of each row as a graph of the parameters alone: the row's data substituted as constants.</summary>
    private ImmutableArray<Expr> ExampleLosses(ImmutableArray<Bindings> rows, string what, Bindings parameters, Loss loss)
    {
        var dataInputs = Inputs.Where(n => !parameters.Contains(n)).ToArray();
        var examples = ImmutableArray.CreateBuilder<Expr>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var prediction = Model;
            foreach (var name in dataInputs)
            {
                if (!row.Contains(name))
                    throw new ArgumentException($"Row {i} of the {what} has no value for the model input '{name}'; it has: {List(row.Names)}.", "rows");
                prediction = FunctionalAD.Graph.Substitute(prediction, name, Expr.Constant(row[name]));
            }
            if (!row.Contains(Target!))
                throw new ArgumentException($"Row {i} of the {what} has no value for the target '{Target}'; it has: {List(row.Names)}.", "rows");
            examples.Add(loss.ForExample(prediction, Expr.Constant(row[Target!])));
        }
        return examples.MoveToImmutable();
    }

    /// <summary>The mean of the chosen examples' losses, as one graph.</summary>
    private static Expr Mean(ImmutableArray<Expr> examples, IEnumerable<int> chosen)
    {
        Expr? sum = null;
        var count = 0;
        foreach (var i in chosen)
        {
            sum = sum is null ? examples[i] : sum + examples[i];
            count++;
        }
        return sum! / count;
    }

    private static ImmutableArray<Bindings> Copy(IEnumerable<Bindings> rows, string what)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var copy = rows.ToImmutableArray();
        if (copy.IsEmpty) throw new ArgumentException($"The {what} has no rows.", nameof(rows));
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null) throw new ArgumentException($"Row {i} of the {what} is null.", nameof(rows));
        }
        return copy;
    }

    private static string List(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }
}
