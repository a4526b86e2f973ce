namespace FunctionalAD;

/// <summary>A named input of a graph; its value comes from <see cref="Bindings"/>.</summary>
public sealed class InputNode : Expr
{
    internal InputNode(string name) : base(HashCode.Combine(2, name)) => Name = name;

    /// <summary>The input's name.</summary>
    public string Name { get; }
}
