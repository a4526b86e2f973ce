using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Core;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// DOT and Mermaid pictures of tensor graphs: read back by <see cref="DrawnGraph"/> (which rejects an edge with a
/// missing end, such as <c>n3 -> ;</c>, and an edge to an undeclared node), every distinct node is drawn once and
/// every argument is one edge; tensor operations are labelled with their operation and shape.
/// </summary>
public class TensorExportProperties
{
    public static TheoryData<string> Formats => new() { "dot", "mermaid" };

    private static DrawnGraph Draw(Expr graph, string format) =>
        format == "dot" ? DrawnGraph.FromDot(Export.ToDot(graph)) : DrawnGraph.FromMermaid(Export.ToMermaid(graph));

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryNodeIsDeclaredAndEveryEdgeHasTwoEnds(string format) =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), c =>
        {
            var drawn = Draw(c.Graph, format);
            var nodes = Graph.Nodes(c.Graph);
            var inputs = Graph.Inputs(c.Graph).Length;
            var others = nodes.Count(n => n is not InputNode);
            var arguments = nodes.Sum(n => n switch { ApplyNode a => a.Arguments.Length, _ => 0 });
            GradientChecks.Require(drawn.Nodes.Count == inputs + others + 1, () => $"{drawn.Nodes.Count} nodes drawn for {inputs} inputs and {others} other nodes");
            GradientChecks.Require(drawn.Edges.Count == arguments + 1, () => $"{drawn.Edges.Count} edges drawn for {arguments} arguments");
            GradientChecks.Require(drawn.LabelsOf("hexagon").Count() == nodes.Count(n => n is ApplyNode { Primitive: TensorOperation }), () => "an operation is not drawn as a hexagon");
        }), Cases.Count(200));

    [Theory]
    [MemberData(nameof(Formats))]
    public void OperationsAreLabelledWithOperationAndShape(string format)
    {
        var (a, w) = (Expr.Input("A", Shape.Matrix(2, 3)), Expr.Input("W", Shape.Matrix(3, 4)));
        var graph = Expr.Sum(Expr.Sum(Expr.Tanh(Expr.MatMul(a, w)), 0) * Expr.Constant(Tensor.Vector(1, 2, 3, 4)));
        var drawn = Draw(graph, format);

        Assert.Equal(new[] { "A 2×3", "W 3×4" }, drawn.LabelsOf("ellipse").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "matmul 2×4", "sum", "sum(axis: 0) 4" }, drawn.LabelsOf("hexagon").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "* 4", "tanh 2×4" }, drawn.LabelsOf("circle").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "constant 4" }, drawn.LabelsOf("box"));
        Assert.Contains(("matmul 2×4", "tanh 2×4"), drawn.LabelledEdges);
        Assert.Contains(("sum", "y"), drawn.LabelledEdges);
    }
}
