namespace FunctionalAD;

/// <summary>A named input of a graph, of a declared <see cref="Expr.Shape"/>; its value comes from <see cref="Bindings"/> or <see cref="Bindings"/>.</summary>
public sealed class InputNode : Expr
{
    internal InputNode(string name, Shape shape)
        : base(shape.IsScalar ? HashCode.Combine(2, name) : HashCode.Combine(2, name, shape), shape) => Name = name;

    /// <summary>The input's name.</summary>
    public string Name { get; }
}
