namespace FunctionalAD;

/// <summary>What a node of a selection family computes.</summary>
internal enum SelectionRole
{
    /// <summary>The selection itself, e.g. <c>MaxPool2D(x)</c> or <c>Max(x, axis)</c>: x's selected elements.</summary>
    Select,

    /// <summary><c>(x, t)</c> → t at the elements x's selection picks: linear in t.</summary>
    Gather,

    /// <summary><c>(x, g)</c> → g put back at the elements x's selection picks, zeros elsewhere: the transpose of Gather.</summary>
    Scatter,
}

/// <summary>
/// A family of operations that pick elements of x by x's own values — max pooling, max and min along an axis. Which
/// elements are picked does not change under a small nudge (away from ties), so the selection's derivative is a gather
/// of the tangent at the picked elements, and its transpose a scatter of the cotangent back there; both are linear in
/// their second argument and have no derivative in the first, so gradient graphs and Hessians close over the three
/// roles. A family states its selected shape, its gather and its scatter; the rules of the roles are stated here once.
/// </summary>
internal abstract class SelectionOperation(SelectionRole role) : TensorOperation
{
    public SelectionRole Role { get; } = role;

    public sealed override int Arity => Role == SelectionRole.Select ? 1 : 2;

    /// <summary>The role's suffix of the family's name: none, <c>Gather</c> or <c>Scatter</c>.</summary>
    private protected string RoleSuffix => Role switch { SelectionRole.Select => "", SelectionRole.Gather => "Gather", _ => "Scatter" };

    /// <summary>The shape of the selection of an x of shape <paramref name="x"/>, or a <see cref="ShapeMismatchException"/>.</summary>
    private protected abstract Shape Selected(Shape x);

    /// <summary>The member of the same family, with the same parameters, in <paramref name="role"/>.</summary>
    private protected abstract SelectionOperation In(SelectionRole role);

    /// <summary><paramref name="t"/> (of x's shape) at the elements x's selection picks, of the selected shape.</summary>
    private protected abstract Tensor Gathered(Tensor x, Tensor t);

    /// <summary><paramref name="g"/> (of the selected shape) put back at the elements x's selection picks, of x's shape.</summary>
    private protected abstract Tensor Scattered(Tensor x, Tensor g);

    public sealed override Shape OutputShape(Shape x, Shape y)
    {
        var selected = Selected(x);
        return Role switch
        {
            SelectionRole.Select => selected,
            SelectionRole.Gather => y == x ? selected : throw Mismatch($"gathers from a tensor of shape {x}, not {y}."),
            _ => y == selected ? x : throw Mismatch($"scatters a tensor of the selected shape {selected}, not {y}."),
        };
    }

    public sealed override Tensor Value(Tensor x, Tensor y) => Role switch
    {
        SelectionRole.Select => Gathered(x, x),
        SelectionRole.Gather => Gathered(x, y),
        _ => Scattered(x, y),
    };

    public sealed override Tensor Jvp(Tensor x, Tensor y, Tensor output, Tensor? dx, Tensor? dy) => Role switch
    {
        SelectionRole.Select => Gathered(x, dx!.Value),
        _ when dy is null => Tensor.Zeros(output.Shape),
        SelectionRole.Gather => Gathered(x, dy.Value),
        _ => Scattered(x, dy.Value),
    };

    public sealed override TensorPullback Vjp(Tensor x, Tensor y, Tensor output) => (g, first, second) => Role switch
    {
        SelectionRole.Select => new(first ? Scattered(x, g) : null, null),
        SelectionRole.Gather => new(null, second ? Scattered(x, g) : null),
        _ => new(null, second ? Gathered(x, g) : null),
    };

    internal sealed override (Expr? First, Expr? Second) VjpGraph(Expr x, Expr? y, Expr output, Expr g) => Role switch
    {
        SelectionRole.Select => (Expr.Operate(In(SelectionRole.Scatter), x, g), null),
        SelectionRole.Gather => (null, Expr.Operate(In(SelectionRole.Scatter), x, g)),
        _ => (null, Expr.Operate(In(SelectionRole.Gather), x, g)),
    };
}
