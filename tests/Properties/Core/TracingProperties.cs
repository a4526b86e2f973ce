using System.Numerics;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Random graphs rewritten as generic functions over <see cref="IFloatingPointIeee754{TSelf}"/> — each primitive as
/// the generic-math member a user would write (<c>T.Sin</c>, <c>T.Max(x, T.Zero)</c> for relu, <c>1 / (1 + e^−x)</c>
/// for sigmoid) — and traced with T = Expr: the traced graph computes what the function computes on doubles,
/// exactly, and its gradient is the original graph's.
/// </summary>
public class TracingProperties
{
    [Fact]
    public void ATracedGenericFunctionIsTheFunction() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            var inputs = Graph.Inputs(c.Graph);
            var traced = Graph.Trace(v => Generic(c.Graph, v), [.. inputs]);
            var point = inputs.Select(n => c.Point[n]).ToArray();
            var onDoubles = Generic(c.Graph, point);
            var value = Graph.Evaluate(traced, c.Point);
            Require(value == onDoubles, () => $"traced {traced} gives {value:R}, the function {onDoubles:R}");
            var expected = Reverse.Grad(c.Graph, c.Point);
            var actual = Reverse.Grad(traced, c.Point);
            var scale = GraphTools.AbsoluteGradient(c.Graph, c.Point);
            // sigmoid and softplus are compositions here, so rounding differs, within the modes' bound.
            foreach (var name in inputs)
                Close(actual.GetOrDefault(name, 0), expected[name], ModeTolerance * Math.Max(1, scale[name]), $"∂/∂{name}: traced vs original");
        }));

    /// <summary>The graph as a generic function: one generic-math member (or a short composition) per primitive.</summary>
    private static T Generic<T>(Expr graph, T[] arguments) where T : IFloatingPointIeee754<T>
    {
        var nodes = Graph.Nodes(graph);
        var inputs = Graph.Inputs(graph);
        var position = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        var results = new T[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            position[nodes[i]] = i;
            results[i] = nodes[i] switch
            {
                ConstantNode k => T.CreateChecked(k.Value),
                InputNode input => arguments[inputs.IndexOf(input.Name)],
                ApplyNode a => Apply(a.Primitive, results[position[a.Arguments[0]]], a.Arguments.Length > 1 ? results[position[a.Arguments[1]]] : T.Zero),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return results[^1];
    }

    private static T Apply<T>(Primitive p, T x, T y) where T : IFloatingPointIeee754<T> => p.Name switch
    {
        "add" => x + y,
        "sub" => x - y,
        "mul" => x * y,
        "div" => x / y,
        "neg" => -x,
        "pow" => T.Pow(x, y),
        "powc" => T.Pow(x, T.CreateChecked(p.Parameters[0])),
        "exp" => T.Exp(x),
        "log" => T.Log(x),
        "sqrt" => T.Sqrt(x),
        "sin" => T.Sin(x),
        "cos" => T.Cos(x),
        "tan" => T.Tan(x),
        "tanh" => T.Tanh(x),
        "sigmoid" => T.One / (T.One + T.Exp(-x)),
        "softplus" => T.Log(T.One + T.Exp(x)),
        "relu" => T.Max(x, T.Zero),
        "abs" => T.Abs(x),
        "min" => T.Min(x, y),
        "max" => T.Max(x, y),
        _ => throw new ArgumentException($"No generic form for {p}."),
    };
}
