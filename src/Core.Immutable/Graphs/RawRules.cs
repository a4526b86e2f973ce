namespace FunctionalAD;

/// <summary>
/// The statements a scalar primitive is built from (<see cref="Rules"/>), kept so that the graph
/// interpreter and compiler call them directly instead of through the JVP and pullback closures made
/// from them. A unary primitive has <see cref="UnaryValue"/> and <see cref="Derivative"/>; a binary one
/// has <see cref="BinaryValue"/> and <see cref="Partials"/>. Every <see cref="ElementwisePrimitive"/> has them;
/// other primitives have none and run on the tensor sweeps.
/// </summary>
/// <param name="UnaryValue">f(x), for a unary primitive.</param>
/// <param name="Derivative">f′(x, f(x)), for a unary primitive.</param>
/// <param name="BinaryValue">f(x, y), for a binary primitive.</param>
/// <param name="Partials">(∂f/∂x, ∂f/∂y) at (x, y, f(x, y)), for a binary primitive.</param>
/// <param name="Inline">
/// The interpreter's inline case for this primitive, its fast path, stated with the primitive (<see cref="Opcode.Add"/>,
/// …); <see cref="Opcode.Unary"/> or <see cref="Opcode.Binary"/> when the statements above are called instead.
/// </param>
internal sealed record RawRules(
    Func<double, double>? UnaryValue,
    Func<double, double, double>? Derivative,
    Func<double, double, double>? BinaryValue,
    Func<double, double, double, (double Dx, double Dy)>? Partials,
    Opcode? Inline = null)
{
    /// <summary>What the interpreter does at a node of this primitive.</summary>
    public Opcode Opcode => Inline ?? (UnaryValue is not null ? Opcode.Unary : Opcode.Binary);
}
