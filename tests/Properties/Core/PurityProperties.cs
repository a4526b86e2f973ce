using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;
using static FunctionalAD.Properties.Core.GradientChecks;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// Graphs and bindings are values: no operation changes them, and the same question always gets the same
/// bits back — from the same objects asked again, and from an independently rebuilt copy.
/// </summary>
public class PurityProperties
{
    [Fact]
    public void EveryOperationLeavesGraphAndBindingsUnchangedAndRepeatsBitForBit() =>
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(), c =>
        {
            // Copies made through the public factories before anything else runs (Graph.Substitute with an
            // unused name would hand back the very same object, so it could not serve as a copy).
            var graphCopy = GraphTools.Rebuild(c.Graph);
            var pointCopy = Bindings.From(c.Point.ToArray());
            Require(!ReferenceEquals(graphCopy, c.Graph) && graphCopy == c.Graph, () => "the rebuilt copy is not an equal, distinct graph");

            var first = Run(c.Graph, c.Point);
            var second = Run(c.Graph, c.Point);
            var fresh = Run(graphCopy, pointCopy);

            Require(c.Graph.Equals(graphCopy) && c.Graph.GetHashCode() == graphCopy.GetHashCode(), () => "the graph changed");
            Require(c.Graph.ToString() == graphCopy.ToString(), () => $"the graph now prints as {c.Graph}");
            Require(c.Point.Equals(pointCopy) && c.Point.GetHashCode() == pointCopy.GetHashCode(), () => $"the bindings changed: {c.Point}");
            Require(first.SequenceEqual(second), () => $"a second run differs: [{string.Join(", ", first)}] vs [{string.Join(", ", second)}]");
            Require(first.SequenceEqual(fresh), () => $"a rebuilt graph differs: [{string.Join(", ", first)}] vs [{string.Join(", ", fresh)}]");
        }));

    /// <summary>Every public operation on the graph and the point; the results as bit patterns and text.</summary>
    private static List<string> Run(Expr graph, Bindings point)
    {
        var results = new List<string>();
        void Add(double value) => results.Add(BitConverter.DoubleToInt64Bits(value).ToString("X16"));
        void AddAll(IEnumerable<double> values) { foreach (var v in values) Add(v); }
        void AddGradient(Gradient gradient) { foreach (var (name, v) in gradient) { results.Add(name); Add(v); } }

        var inputs = Graph.Inputs(graph);
        results.Add(string.Join(",", inputs));
        results.Add(Graph.NodeCount(graph) + "/" + Graph.Nodes(graph).Length);
        results.Add(graph.ToString());
        Add(Graph.Evaluate(graph, point));
        AddGradient(Forward.Grad(graph, point));
        AddGradient(Reverse.Grad(graph, point));
        var valueAndGrad = Reverse.ValueAndGrad(graph, point);
        Add(valueAndGrad.Value);
        AddGradient(valueAndGrad.Gradient);
        var direction = Bindings.From(inputs.Select((n, i) => KeyValuePair.Create(n, 0.5 + i)));
        var jvp = Forward.Jvp(graph, point, direction);
        Add(jvp.Value);
        Add(jvp.Tangent);
        var vjp = Reverse.Vjp(graph, point);
        AddGradient(vjp.Pullback(1));
        AddGradient(vjp.Pullback(-2.5));
        AddGradient(vjp.Pullback(1)); // a pullback is reusable and keeps no state between calls
        var values = inputs.Select(n => point.Scalar(n)).ToArray();
        AddAll(Forward.GradOf(GraphTools.AsDualFunction(graph), values));
        AddAll(Reverse.GradOf(GraphTools.AsReverseFunction(graph), values));
        foreach (var name in inputs)
        {
            Add(Graph.Evaluate(Graph.Substitute(graph, name, Expr.Constant(point[name])), point));
            Add(point.With(name, point[name] + 1)[name]);
        }
        return results;
    }
}
