using System.Collections.Immutable;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

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

    /// <summary>
    /// The value and the gradient at <paramref name="at"/> (one tensor per input, of its shape), from one sweep over all
    /// the outputs.
    /// </summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public ValueAndGradient<double, Gradient> Evaluate(Bindings at)
    {
        ArgumentNullException.ThrowIfNull(at);
        if (HasTensors) return EvaluateTensors(at);
        var outputs = layout.Value.AtOutputs(layout.Value.Values(at));
        return new(outputs[0], FunctionalAD.Gradient.Owning(Inputs, outputs[1..]));
    }

    /// <summary>
    /// The Hessian times <paramref name="direction"/> at <paramref name="at"/>: one tangent sweep over the gradient graph,
    /// forward over reverse. <paramref name="direction"/> maps input names to tangents of the inputs' shapes; a name left
    /// out has tangent zero. The result has one tensor per input, of its shape.
    /// </summary>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding or a tangent does not have its input's shape.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public Gradient HessianVectorProduct(Bindings at, Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(direction);
        foreach (var name in direction.Names)
        {
            if (Inputs.BinarySearch(name, StringComparer.Ordinal) < 0)
                throw new ArgumentException(
                    $"The direction gives a tangent for '{name}', but the graph has no such input; its inputs are: {NamedValues.ListNames(Inputs)}.",
                    nameof(direction));
        }
        if (HasTensors) return HessianVectorProductTensors(at, direction);
        var outputs = layout.Value;
        return FunctionalAD.Gradient.Owning(Inputs, outputs.AtOutputs(outputs.Tangents(outputs.Values(at), Seeds(outputs, direction)))[1..]);
    }

    /// <summary>
    /// The Hessian at <paramref name="at"/> over every element of every input, by forward mode over the gradient graph:
    /// one tangent sweep per element (on a tensor graph, one sweep per chunk of elements, their directions carried as one
    /// extra axis, so that a product over the chunk is one matrix product). Rows and columns follow the inputs in the order of <see cref="Inputs"/> (ordinal),
    /// and the elements of each input in row-major order (those of <see cref="Tensor.ToArray"/>); entry (i, j) is
    /// ∂²value/∂xᵢ∂xⱼ. The matrix is new and the caller's own.
    /// </summary>
    /// <example><code>Reverse.GradGraph(x * x * y).Hessian(at)   // [[2y, 2x], [2x, 0]] over the inputs x, y</code></example>
    /// <exception cref="UnboundInputException">An input has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's shape.</exception>
    public Matrix<double> Hessian(Bindings at) => Hessian(at, Inputs);

    /// <summary>
    /// The Hessian with respect to the named inputs only (say, one weight matrix): rows and columns follow those
    /// inputs in ordinal order, each input's elements in row-major order, as <see cref="Hessian(Bindings)"/>.
    /// One tangent sweep per element of the named inputs (on a tensor graph, per chunk of them).
    /// </summary>
    /// <example><code>Reverse.GradGraph(loss).Hessian(at, ["W1"])   // the Hessian of a network's loss in its first weights</code></example>
    /// <exception cref="ArgumentException">A name is not an input of the graph, or is named twice.</exception>
    public Matrix<double> Hessian(Bindings at, IEnumerable<string> withRespectTo)
    {
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(withRespectTo);
        var slots = Slots(withRespectTo);
        if (HasTensors) return HessianTensors(at, slots);
        var outputs = layout.Value;
        var values = outputs.Values(at);
        var hessian = Matrix<double>.Build.Dense(slots.Length, slots.Length);
        var seeds = new double[outputs.InputNames.Length];
        for (var s = 0; s < slots.Length; s++)
        {
            // An input that simplifying removed from every output is not laid out: its row and column stay zero.
            var place = outputs.InputNames.BinarySearch(Inputs[slots[s]], StringComparer.Ordinal);
            if (place < 0) continue;
            seeds[place] = 1;
            var column = outputs.AtOutputs(outputs.Tangents(values, seeds));
            seeds[place] = 0;
            for (var r = 0; r < slots.Length; r++) hessian[r, s] = column[1 + slots[r]];
        }
        return hessian;
    }

    private static double[] Seeds(OutputsLayout outputs, Bindings direction) =>
        [.. outputs.InputNames.Select(n => direction.TryGetValue(n, out var tangent) ? ScalarTangent(n, tangent) : 0)];

    private static double ScalarTangent(string name, Tensor tangent) => tangent.Shape.IsScalar
        ? tangent.ToScalar()
        : throw new ShapeMismatchException(name, $"The input '{name}' has shape {Shape.Scalar}, but its tangent has shape {tangent.Shape}.");

    /// <summary>One line per output: <c>value = …</c>, then <c>∂/∂name = …</c> per input.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append("value = ").Append(Value);
        for (var i = 0; i < Inputs.Length; i++) text.AppendLine().Append("∂/∂").Append(Inputs[i]).Append(" = ").Append(Partials[i]);
        return text.ToString();
    }
}
