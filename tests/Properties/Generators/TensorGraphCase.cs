namespace FunctionalAD.Properties.Generators;

/// <summary>
/// A generated tensor graph and the point it is evaluated at, inside every elementwise domain of the graph.
/// </summary>
/// <param name="Graph">The graph; its root is the output, of any shape.</param>
/// <param name="Point">A tensor of the declared shape for every input of the graph.</param>
/// <param name="Sensitivity">
/// A bound on every node's absolute sensitivity Σ |∂ element / ∂ input element|·max(1, |input|) (see
/// <see cref="TensorGraphGen"/>): the scale of the rounding errors of either mode.
/// </param>
public sealed record TensorGraphCase(Expr Graph, Bindings Point, double Sensitivity)
{
    /// <summary>Printed by FsCheck for a counterexample: the graph, the shapes, then the point.</summary>
    public override string ToString() =>
        $"{Graph}   : {Graph.Shape}   at   {string.Join("; ", Point.Select(p => $"{p.Key} : {p.Value.Shape} = {p.Value}"))}";
}
