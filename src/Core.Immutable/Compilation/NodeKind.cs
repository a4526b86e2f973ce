namespace FunctionalAD;

/// <summary>
/// What the compiler emits for a node: the arithmetic primitives as IL opcodes (their rules restated as the
/// same floating-point operations the catalogue's rules perform), other primitives as calls of their rules.
/// </summary>
internal enum NodeKind
{
    /// <summary>A constant: folded into the code that reads it.</summary>
    Constant,
    /// <summary>A named input.</summary>
    Input,
    /// <summary><see cref="Primitives.Add"/>: x + y, partials (1, 1).</summary>
    Add,
    /// <summary><see cref="Primitives.Subtract"/>: x − y, partials (1, −1).</summary>
    Subtract,
    /// <summary><see cref="Primitives.Multiply"/>: x · y, partials (y, x).</summary>
    Multiply,
    /// <summary><see cref="Primitives.Divide"/>: x / y, partials (1 / y, −z / y).</summary>
    Divide,
    /// <summary><see cref="Primitives.Negate"/>: −x, derivative −1.</summary>
    Negate,
    /// <summary>Another unary primitive: calls of its value and derivative statements.</summary>
    Unary,
    /// <summary>Another binary primitive: calls of its value and partials statements.</summary>
    Binary,
}

/// <summary>Classifies the nodes of a <see cref="Topology"/>.</summary>
internal static class NodeKinds
{
    public static NodeKind[] Of(Topology t)
    {
        var kinds = new NodeKind[t.Count];
        for (var i = 0; i < kinds.Length; i++) kinds[i] = Of(t, i);
        return kinds;
    }

    private static NodeKind Of(Topology t, int i)
    {
        if (t.First[i] < 0) return t.InputSlot[i] >= 0 ? NodeKind.Input : NodeKind.Constant;
        var primitive = ((ApplyNode)t.Nodes[i]).Primitive;
        // Only the catalogue's own objects: another descriptor of the same name (a test's wrong rule) has its own rules.
        var raw = primitive.Raw!; // a scalar graph applies elementwise primitives of one or two arguments only
        if (ReferenceEquals(primitive, Primitives.Add)) return NodeKind.Add;
        if (ReferenceEquals(primitive, Primitives.Subtract)) return NodeKind.Subtract;
        if (ReferenceEquals(primitive, Primitives.Multiply)) return NodeKind.Multiply;
        if (ReferenceEquals(primitive, Primitives.Divide)) return NodeKind.Divide;
        if (ReferenceEquals(primitive, Primitives.Negate)) return NodeKind.Negate;
        return raw.Derivative is not null ? NodeKind.Unary : NodeKind.Binary;
    }
}
