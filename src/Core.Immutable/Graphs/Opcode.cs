namespace FunctionalAD;

/// <summary>
/// What the interpreter does at a node, decided once when the graph is laid out (<see cref="Topology.Opcodes"/>):
/// a leaf, one of the common primitives whose rule the sweeps state inline (a switch instead of a delegate call per
/// node), a primitive called through its <see cref="RawRules"/>, or a node for the tensor sweeps. An inline case states the same
/// expressions as the primitive's rule in <see cref="Primitives"/>, so the results are equal bit for bit; tests check
/// each one against its primitive at ±0, ±∞ and NaN.
/// </summary>
internal enum Opcode : byte
{
    /// <summary>A named input.</summary>
    Input,
    /// <summary>A scalar constant.</summary>
    Constant,
    /// <summary>A unary primitive called through <see cref="RawRules.UnaryValue"/> and <see cref="RawRules.Derivative"/>.</summary>
    Unary,
    /// <summary>A binary primitive called through <see cref="RawRules.BinaryValue"/> and <see cref="RawRules.Partials"/>.</summary>
    Binary,
    /// <summary>
    /// A node the scalar layout does not run — a tensor constant or input, a tensor operation, a primitive of more than
    /// two arguments such as <see cref="Expr.Where"/>: such graphs run on the tensor sweeps.
    /// </summary>
    Tensor,
    /// <summary><see cref="Primitives.Add"/>.</summary>
    Add,
    /// <summary><see cref="Primitives.Subtract"/>.</summary>
    Subtract,
    /// <summary><see cref="Primitives.Multiply"/>.</summary>
    Multiply,
    /// <summary><see cref="Primitives.Divide"/>.</summary>
    Divide,
    /// <summary><see cref="Primitives.Negate"/>.</summary>
    Negate,
    /// <summary><see cref="Primitives.Sin"/>.</summary>
    Sin,
    /// <summary><see cref="Primitives.Cos"/>.</summary>
    Cos,
    /// <summary><see cref="Primitives.Exp"/>.</summary>
    Exp,
    /// <summary><see cref="Primitives.Tanh"/>.</summary>
    Tanh,
}

/// <summary>The <see cref="Opcode"/> of a node.</summary>
internal static class Opcodes
{
    /// <summary>The opcode of <paramref name="node"/>.</summary>
    public static Opcode Of(Expr node) => node switch
    {
        _ when !node.Shape.IsScalar => Opcode.Tensor,
        ApplyNode a => Of(a.Primitive),
        ConstantNode => Opcode.Constant,
        InputNode => Opcode.Input,
        _ => Opcode.Tensor,
    };

    // A primitive's inline case is stated with it (RawRules.Inline): the catalogue's own descriptors name theirs, and
    // another descriptor of the same name (a test's wrong rule) is called through its own rules.
    private static Opcode Of(Primitive p) => p.Raw?.Opcode ?? Opcode.Tensor;
}
