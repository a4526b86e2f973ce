using System.Collections.Immutable;
using System.Text;

namespace FunctionalAD;

/// <summary>
/// A graph and its gradient as graphs (<see cref="Reverse.GradGraph"/>): the simplified value graph and,
/// per input, the graph of the partial derivative, all sharing nodes. Immutable; evaluate it at any point,
/// print it, or differentiate a partial again (<see cref="Reverse.GradGraph"/> of <c>this[name]</c>).
/// </summary>
public sealed partial class GradientGraph
{
    private readonly Lazy<OutputsLayout> layout;

    internal GradientGraph(Expr value, ImmutableArray<string> inputs, ImmutableArray<Expr> partials)
    {
        Value = value;
        Inputs = inputs;
        Partials = partials;
        layout = new(() => new OutputsLayout(Outputs));
        tensorLayout = new(() => Topology.OfOutputs(Outputs));
    }

    /// <summary>The value graph, simplified.</summary>
    public Expr Value { get; }

    /// <summary>The inputs of the graph differentiated, in ordinal order: one partial each (zero for an input that simplifying removed, as in <c>0·x</c>).</summary>
    public ImmutableArray<string> Inputs { get; }

    /// <summary>The graphs of the partial derivatives, in the order of <see cref="Inputs"/>.</summary>
    public ImmutableArray<Expr> Partials { get; }

    /// <summary>The multi-output view: the value graph, then the partials in the order of <see cref="Inputs"/>.</summary>
    public ImmutableArray<Expr> Outputs => [Value, .. Partials];

    /// <summary>The partials by input name, as an immutable map.</summary>
    public ImmutableSortedDictionary<string, Expr> Gradient =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, Inputs.Select((n, i) => KeyValuePair.Create(n, Partials[i])));

    /// <summary>The graph of ∂value/∂<paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The graph has no input <paramref name="name"/>; the message lists its inputs.</exception>
    public Expr this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var i = Inputs.BinarySearch(name, StringComparer.Ordinal);
            return i >= 0
                ? Partials[i]
                : throw new KeyNotFoundException($"No input named '{name}' in the gradient graph; its inputs are: {NamedValues.ListNames(Inputs)}.");
        }
    }

    /// <summary>The number of distinct nodes of the value and all the partials together (a shared node counts once).</summary>
    public int NodeCount => HasTensors ? tensorLayout.Value.Layout.Count : layout.Value.Count;

    /// <summary>The value and the gradient at <paramref name="at"/>, from one sweep over all the outputs.</summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    public ValueAndGradient<Gradient> Evaluate(Bindings at)
    {
        if (HasTensors) return ScalarGradient(Evaluate(TensorBindings.From(at)), "GradientGraph.Evaluate");
        var outputs = layout.Value.AtOutputs(layout.Value.Values(at));
        return new(outputs[0], new Gradient(Inputs, outputs[1..]));
    }

    /// <summary>
    /// The Hessian at <paramref name="at"/>, by forward mode over the gradient graph: one tangent sweep per
    /// input. Row j is the derivative of the gradient along input j (entry i is ∂²value/∂xⱼ∂xᵢ).
    /// </summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    public ImmutableArray<Gradient> Hessian(Bindings at)
    {
        if (HasTensors)
        {
            ScalarInputs("GradientGraph.Hessian");
            var matrix = Hessian(TensorBindings.From(at));
            return [.. Inputs.Select((_, j) => new Gradient(Inputs, [.. matrix.Column(j)]))];
        }
        var outputs = layout.Value;
        var values = outputs.Values(at);
        return [.. Inputs.Select(name => new Gradient(Inputs, outputs.AtOutputs(outputs.Tangents(values, Seeds(outputs, Bindings.Of((name, 1.0)))))[1..]))];
    }

    /// <summary>
    /// The Hessian times <paramref name="direction"/> at <paramref name="at"/> (a name left out has tangent
    /// zero): one tangent sweep over the gradient graph, forward over reverse.
    /// </summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public Gradient HessianVectorProduct(Bindings at, Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(direction);
        foreach (var name in direction.Names)
        {
            if (Inputs.BinarySearch(name, StringComparer.Ordinal) < 0)
                throw new ArgumentException(
                    $"The direction gives a tangent for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(Inputs)}.",
                    nameof(direction));
        }
        if (HasTensors)
            return ScalarGradient(new(0, HessianVectorProduct(TensorBindings.From(at), TensorBindings.From(direction))), "GradientGraph.HessianVectorProduct").Gradient;
        var outputs = layout.Value;
        return new Gradient(Inputs, outputs.AtOutputs(outputs.Tangents(outputs.Values(at), Seeds(outputs, direction)))[1..]);
    }

    private static double[] Seeds(OutputsLayout outputs, Bindings direction) =>
        [.. outputs.InputNames.Select(n => direction.GetOrDefault(n, 0))];

    /// <summary>One line per output: <c>value = …</c>, then <c>∂/∂name = …</c> per input.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append("value = ").Append(Value);
        for (var i = 0; i < Inputs.Length; i++) text.AppendLine().Append("∂/∂").Append(Inputs[i]).Append(" = ").Append(Partials[i]);
        return text.ToString();
    }
}
