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

    /// <summary>Applies a unary primitive to <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException">The primitive does not take one argument.</exception>
    public static Expr Apply(Primitive primitive, Expr x)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        ArgumentNullException.ThrowIfNull(x);
        if (primitive.Arity != 1)
            throw new ArgumentException($"Primitive '{primitive.Name}' takes {primitive.Arity} arguments, not 1.", nameof(primitive));
        return new ApplyNode(primitive, x, null, x.Shape);
    }

    /// <summary>Applies a binary primitive to <paramref name="x"/> and <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">The primitive does not take two arguments.</exception>
    public static Expr Apply(Primitive primitive, Expr x, Expr y)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (primitive.Arity != 2)
            throw new ArgumentException($"Primitive '{primitive.Name}' takes {primitive.Arity} argument, not 2.", nameof(primitive));
        var shape = x.Shape.IsScalar && y.Shape.IsScalar ? default : Broadcasting.Shape(primitive.Name, x.Shape, y.Shape);
        return new ApplyNode(primitive, x, y, shape);
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
                case (ConstantNode c, ConstantNode d) when c.Bits == d.Bits:
                case (InputNode i, InputNode j) when i.Name == j.Name && i.Shape == j.Shape:
                case (TensorConstantNode t, TensorConstantNode u) when t.Value == u.Value:
                    break;
                case (ApplyNode f, ApplyNode g) when f.Primitive.Equals(g.Primitive):
                    pending.Push((f.First, g.First));
                    if (f.Second is { } fs && g.Second is { } gs) pending.Push((fs, gs));
                    break;
                case (OperationNode f, OperationNode g) when f.Operation.Equals(g.Operation):
                    pending.Push((f.First, g.First));
                    if (f.Second is { } os && g.Second is { } ps) pending.Push((os, ps));
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
