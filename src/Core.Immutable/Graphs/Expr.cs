using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// An immutable computation graph, named by its output node: a constant, a named input, or a primitive
/// applied to earlier nodes. Build one with operators and static functions — <c>w * x + b</c> is exactly
/// a multiply feeding an add — and differentiate it with <see cref="Forward"/> and <see cref="Reverse"/>.
/// A node used twice is one node: it is evaluated once and its adjoint contributions add.
/// Equality and hashing are structural; every walk over the graph is iterative, so depth is unlimited.
/// </summary>
public abstract partial class Expr : IEquatable<Expr>
{
    // Numbers every node in creation order. A node's arguments exist before it does, so arguments always have
    // smaller ids than their users: laying out a graph needs no visited set (see CreationOrder). Four bytes, so that
    // a node stays as small as before; after int.MaxValue − 1 nodes in one process the ids stop growing, and graphs
    // with such nodes are laid out by the slower walk that needs no ids.
    private static long lastId;

    private readonly int hash;
    private Topology? topology;

    private protected Expr(int hash, Shape shape = default)
    {
        this.hash = hash;
        Shape = shape;
        var id = Interlocked.Increment(ref lastId);
        Id = id < int.MaxValue ? (int)id : int.MaxValue;
    }

    /// <summary>
    /// Larger than the ids of this node's arguments, and unique in the process, except <see cref="int.MaxValue"/>,
    /// which every node made after the first int.MaxValue − 1 shares.
    /// </summary>
    internal int Id { get; }

    /// <summary>The shape of this node's value, computed and checked when the node was built.</summary>
    public Shape Shape { get; }

    /// <summary>
    /// The nodes of this graph in topological order, laid out once and cached. Safe to race: threads that
    /// find no layout may each compute one, but the first published wins (a release by
    /// <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>, read back with acquire semantics), so every
    /// caller sees one fully built layout.
    /// </summary>
    internal Topology Topology => Volatile.Read(ref topology) ?? Publish();

    private Topology Publish()
    {
        var laidOut = Topology.Of(this);
        return Interlocked.CompareExchange(ref topology, laidOut, null) ?? laidOut;
    }

    /// <summary>A constant node.</summary>
    /// <param name="value">The constant's value.</param>
    public static Expr Constant(double value) => new ConstantNode(value);

    /// <summary>A named input, bound to a value by <see cref="Bindings"/> when the graph is evaluated.</summary>
    /// <param name="name">The input's name; nodes with the same name are the same input.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static Expr Input(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new InputNode(name, Shape.Scalar);
    }

    /// <summary>Applies a primitive of one argument to <paramref name="x"/>, checking the shape by the primitive's shape rule.</summary>
    /// <exception cref="ArgumentException">The primitive does not take one argument.</exception>
    /// <exception cref="ShapeMismatchException">The primitive cannot take an argument of this shape.</exception>
    public static Expr Apply(Primitive primitive, Expr x)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        ArgumentNullException.ThrowIfNull(x);
        CheckArity(primitive, 1);
        return new ApplyNode(primitive, x, null, primitive.Raw is not null ? x.Shape : primitive.OutputShape([x.Shape]));
    }

    /// <summary>Applies a primitive of two arguments to <paramref name="x"/> and <paramref name="y"/>, checking the shapes by the primitive's shape rule.</summary>
    /// <exception cref="ArgumentException">The primitive does not take two arguments.</exception>
    /// <exception cref="ShapeMismatchException">The primitive cannot take arguments of these shapes.</exception>
    public static Expr Apply(Primitive primitive, Expr x, Expr y)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckArity(primitive, 2);
        var shape = x.Shape.IsScalar && y.Shape.IsScalar && primitive.Raw is not null ? default : primitive.OutputShape([x.Shape, y.Shape]);
        return new ApplyNode(primitive, x, y, shape);
    }

    /// <summary>Applies a primitive to <paramref name="arguments"/>, one per <see cref="Primitive.Arity"/>, checking the shapes by the primitive's shape rule.</summary>
    /// <exception cref="ArgumentException">The primitive does not take this many arguments.</exception>
    /// <exception cref="ShapeMismatchException">The primitive cannot take arguments of these shapes.</exception>
    public static Expr Apply(Primitive primitive, params ReadOnlySpan<Expr> arguments)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        foreach (var argument in arguments)
            if (argument is null) throw new ArgumentNullException(nameof(arguments), $"An argument of '{primitive.Name}' is null.");
        CheckArity(primitive, arguments.Length);
        if (arguments.Length == 1) return Apply(primitive, arguments[0]);
        if (arguments.Length == 2) return Apply(primitive, arguments[0], arguments[1]);
        var shapes = new Shape[arguments.Length];
        for (var k = 0; k < shapes.Length; k++)
        {
            shapes[k] = arguments[k].Shape;
        }
        return new ApplyNode(primitive, arguments.ToArray(), primitive.OutputShape(shapes));
    }

    private static void CheckArity(Primitive primitive, int count)
    {
        if (primitive.Arity != count)
            throw new ArgumentException(
                $"Primitive '{primitive.Name}' takes {primitive.Arity} argument{(primitive.Arity == 1 ? "" : "s")}, not {count}.", nameof(primitive));
    }

    /// <inheritdoc />
    public override int GetHashCode() => hash;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Expr);

    /// <summary>Structural equality, decided without recursion; shared nodes are compared once.</summary>
    public bool Equals(Expr? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || hash != other.hash) return false;
        var pending = new Stack<(Expr, Expr)>();
        var compared = new HashSet<(Expr, Expr)>(ReferencePairComparer.Instance);
        pending.Push((this, other));
        while (pending.Count > 0)
        {
            var (a, b) = pending.Pop();
            if (ReferenceEquals(a, b)) continue;
            if (a.hash != b.hash) return false;
            if (!compared.Add((a, b))) continue;
            switch (a, b)
            {
                case (ConstantNode c, ConstantNode d) when c.Value == d.Value:
                case (InputNode i, InputNode j) when i.Name == j.Name && i.Shape == j.Shape:
                    break;
                case (ApplyNode f, ApplyNode g) when f.Primitive.Equals(g.Primitive) && f.Arity == g.Arity:
                    for (var k = f.Arity - 1; k >= 0; k--) pending.Push((f.Argument(k), g.Argument(k)));
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(Expr? left, Expr? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(Expr? left, Expr? right) => !(left == right);

    /// <summary>The graph in infix notation, e.g. <c>w * x + b</c>; very large graphs are cut off with "…".</summary>
    public override string ToString() => ExprPrinter.Print(this, ExprPrinter.DefaultMaxLength);

    private sealed class ReferencePairComparer : IEqualityComparer<(Expr, Expr)>
    {
        public static readonly ReferencePairComparer Instance = new();

        public bool Equals((Expr, Expr) x, (Expr, Expr) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Expr, Expr) pair) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Item1), RuntimeHelpers.GetHashCode(pair.Item2));
    }
}
