namespace FunctionalAD;

/// <summary>A layer that flattens each example into a vector of its elements, made by <see cref="Layer.Flatten"/>. No parameters.</summary>
public sealed record FlattenLayer : Layer
{
    internal FlattenLayer(Shape input) : base(input, Shape.Vector(input.Count)) { }

    internal override IEnumerable<(string Name, Shape Shape)> Parameters(int position) => [];

    internal override IEnumerable<(string Name, Tensor Value)> Initialize(int position, Random random) => [];

    internal override Expr Apply(Expr x, int position) => Expr.Reshape(x, Shape.Matrix(x.Shape[0], Outputs));

    /// <summary><c>Flatten(32×5×5 → 800)</c>.</summary>
    public override string ToString() => $"Flatten({InputShape} → {Outputs})";
}
