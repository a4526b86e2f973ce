using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// Builds graphs that are simplified and hash-consed as they are made: constants fold, algebraic noise
/// (<c>x·1</c>, <c>x + 0</c>, <c>0·x</c>, <c>x − 0</c> (but not <c>x − (−0)</c>, which is x + 0), <c>−(−x)</c>, <c>x / 1</c>) disappears, and a node
/// structurally equal to one already built is that node. Every node it returns is canonical: its arguments
/// are canonical, so a lookup keyed on (primitive, argument references) finds any equal node in O(1) and
/// building a graph of n nodes costs O(n). The builder is the one mutable object here; it belongs to one
/// call (<see cref="Graph.Simplify"/>, <see cref="Reverse.GradGraph"/>) and is dropped when that call returns.
/// Tensor graphs are built the same way: tensor constants and operation nodes are hash-consed too, a rewrite never
/// changes a node's shape (a scalar result that stands for a tensor is broadcast to it, so <c>0·X</c> is the
/// zero tensor <c>BroadcastTo(0, shape)</c>), a constant broadcast to a tensor counts as that constant in the
/// rewrites (<c>X ⊙ BroadcastTo(1, shape)</c> is X), and a linear operation of a zero tensor is a zero tensor.
/// </summary>
/// <remarks>
/// Every rewrite gives the same value as the node it replaces, up to the sign of a zero result
/// (−0 + 0 is +0, so <c>x + 0 → x</c> differs at x = −0 in the sign of the zero only), except
/// <c>0·x → 0</c>, which follows the strong-zero convention of the modes (an exact 0 wins even against
/// ∞ or NaN: see <see cref="Primitives.StrongMultiply"/>).
/// </remarks>
internal sealed class GraphBuilder
{
    private readonly Dictionary<long, Expr> constants = [];
    private readonly Dictionary<string, Expr> inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<(Primitive, Expr, Expr?, Expr?), Expr> applications = new(KeyComparer.Instance);
    private readonly Dictionary<Tensor, Expr> tensors = [];
    private readonly HashSet<Expr> canonical = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expr, Expr> scratch = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<(Expr Node, bool Expanded)> pending = new();

    /// <summary>
    /// Makes room for <paramref name="nodes"/> more canonical nodes at once: growing a table of millions of
    /// entries step by step reallocates large arrays again and again, each a full garbage collection.
    /// </summary>
    public void Reserve(int nodes)
    {
        applications.EnsureCapacity(applications.Count + nodes);
        canonical.EnsureCapacity(canonical.Count + nodes);
    }

    /// <summary>The canonical constant with the bits of <paramref name="value"/>.</summary>
    public Expr Constant(double value) => Constant(value, null);

    /// <summary>The canonical input named <paramref name="name"/>.</summary>
    public Expr Input(string name) => Input(name, null);

    /// <summary>
    /// <paramref name="primitive"/> applied to canonical arguments, simplified and hash-consed;
    /// <paramref name="original"/>, if given, is an equal node to reuse rather than allocate.
    /// </summary>
    public Expr Apply(Primitive primitive, Expr x, Expr? y, ApplyNode? original = null)
    {
        if (primitive is TensorOperation operation) return Operate(operation, x, y, original);
        if (primitive is not ElementwisePrimitive elementwise) return Apply(primitive, y is null ? [x] : [x, y], original);
        if (x is ConstantNode { Shape.IsScalar: true } cx && (y is null || y is ConstantNode { Shape.IsScalar: true }))
            return Constant(elementwise.Value(cx.Number, y is ConstantNode cy ? cy.Number : 0));
        if (Simplify(primitive, x, y) is { } simpler)
        {
            var shape = y is null || x.Shape == y.Shape ? x.Shape : Broadcasting.Shape(primitive.Name, x.Shape, y.Shape);
            return simpler.Shape == shape ? simpler : Operate(new BroadcastToOperation(shape), simpler, null);
        }
        return Intern(primitive, x, y, original);
    }

    /// <summary>
    /// <paramref name="primitive"/> applied to any number of canonical arguments: a primitive of one or two arguments
    /// as above, one of more hash-consed on its first three arguments (more are built as they are).
    /// </summary>
    public Expr Apply(Primitive primitive, ReadOnlySpan<Expr> arguments, ApplyNode? original = null)
    {
        if (arguments.Length <= 2 && primitive is TensorOperation or ElementwisePrimitive)
            return Apply(primitive, arguments[0], arguments.Length > 1 ? arguments[1] : null, original);
        var key = (primitive, arguments[0], arguments.Length > 1 ? arguments[1] : null, arguments.Length > 2 ? arguments[2] : null);
        if (arguments.Length <= 3 && applications.TryGetValue(key, out var existing)) return existing;
        var same = original is not null && original.Arity == arguments.Length;
        for (var k = 0; k < arguments.Length && same; k++) same = ReferenceEquals(original!.Argument(k), arguments[k]);
        var made = same ? original! : Expr.Apply(primitive, arguments);
        if (arguments.Length <= 3) applications.Add(key, made);
        canonical.Add(made);
        return made;
    }

    /// <summary>
    /// <paramref name="operation"/> applied to canonical arguments and hash-consed; a linear operation of a zero tensor
    /// is a zero tensor, and a few identities disappear (a broadcast or sum to the same shape, a reshape to the same
    /// shape, a double transpose). <paramref name="original"/>, if given, is an equal node to reuse.
    /// </summary>
    public Expr Operate(TensorOperation operation, Expr x, Expr? y, ApplyNode? original = null)
    {
        if (Simplify(operation, x, y) is { } simpler) return simpler;
        return Intern(operation, x, y, original);
    }

    // The node of one or two canonical arguments, made once: the one already built, else original when it has these
    // very arguments, else a new node.
    private Expr Intern(Primitive primitive, Expr x, Expr? y, ApplyNode? original)
    {
        if (applications.TryGetValue((primitive, x, y, null), out var existing)) return existing;
        var made = original is not null && ReferenceEquals(original.First, x) && ReferenceEquals(original.Second, y)
            ? original
            : y is null ? Expr.Apply(primitive, x) : Expr.Apply(primitive, x, y);
        applications.Add((primitive, x, y, null), made);
        canonical.Add(made);
        return made;
    }

    /// <summary>The canonical zero of <paramref name="shape"/>: the constant 0, broadcast when the shape is not a scalar.</summary>
    public Expr Zero(Shape shape) => shape.IsScalar ? Constant(0) : Operate(new BroadcastToOperation(shape), Constant(0), null);

    /// <summary>The canonical equivalent of a whole graph, node by node in topological order.</summary>
    public Expr Intern(Expr graph)
    {
        var topology = graph.Topology;
        Reserve(topology.Count);
        var made = new Expr[topology.Count];
        for (var i = 0; i < made.Length; i++) made[i] = Canonical(topology.Nodes[i], made, topology.ArgumentsOf(i));
        return made[^1];
    }

    /// <summary>
    /// The canonical equivalent of a small graph whose leaves may be canonical nodes, such as a primitive's
    /// partials stated over canonical argument nodes: the walk stops at canonical nodes, so its cost is the
    /// size of the new part only, whatever the size of the graph below it.
    /// </summary>
    public Expr InternOver(Expr graph)
    {
        if (canonical.Contains(graph)) return graph;
        scratch.Clear();
        pending.Push((graph, false));
        while (pending.Count > 0)
        {
            var (node, expanded) = pending.Pop();
            if (scratch.ContainsKey(node)) continue;
            if (canonical.Contains(node)) { scratch[node] = node; continue; }
            if (node is ApplyNode apply && !expanded)
            {
                pending.Push((node, true));
                for (var k = apply.Arity - 1; k >= 0; k--) pending.Push((apply.Argument(k), false));
                continue;
            }
            scratch[node] = node switch
            {
                ConstantNode c => Constant(c),
                InputNode input => Input(input.Name, input),
                ApplyNode { Arity: 1 } a => Apply(a.Primitive, scratch[a.First], null, a),
                ApplyNode { Arity: 2 } a => Apply(a.Primitive, scratch[a.First], scratch[a.Second!], a),
                ApplyNode a => Apply(a.Primitive, [.. a.Arguments.Select(argument => scratch[argument])], a),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        var result = scratch[graph];
        scratch.Clear();
        return result;
    }

    private Expr Canonical(Expr node, Expr[] made, ReadOnlySpan<int> arguments) => node switch
    {
        ConstantNode c => Constant(c),
        InputNode input => Input(input.Name, input),
        ApplyNode a when arguments.Length == 1 => Apply(a.Primitive, made[arguments[0]], null, a),
        ApplyNode a when arguments.Length == 2 => Apply(a.Primitive, made[arguments[0]], made[arguments[1]], a),
        ApplyNode a => Apply(a.Primitive, Gather(made, arguments), a),
        _ => throw new InvalidOperationException("Unknown node kind."),
    };

    private static Expr[] Gather(Expr[] made, ReadOnlySpan<int> arguments)
    {
        var gathered = new Expr[arguments.Length];
        for (var k = 0; k < gathered.Length; k++) gathered[k] = made[arguments[k]];
        return gathered;
    }

    private Expr Constant(ConstantNode node) => node.Shape.IsScalar ? Constant(node.Number, node) : TensorConstant(node);

    private Expr TensorConstant(ConstantNode node)
    {
        if (tensors.TryGetValue(node.Value, out var existing)) return existing;
        tensors.Add(node.Value, node);
        canonical.Add(node);
        return node;
    }

    private Expr Constant(double value, ConstantNode? original)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (constants.TryGetValue(bits, out var existing)) return existing;
        var made = original is not null && original.Shape.IsScalar && original.Bits == bits ? original : Expr.Constant(value);
        constants.Add(bits, made);
        canonical.Add(made);
        return made;
    }

    private Expr Input(string name, InputNode? original)
    {
        if (inputs.TryGetValue(name, out var existing)) return existing;
        var made = original ?? Expr.Input(name);
        inputs.Add(name, made);
        canonical.Add(made);
        return made;
    }

    /// <summary>The algebraic rewrites; null when none applies. Only the catalogue's own primitives are rewritten.</summary>
    private Expr? Simplify(Primitive p, Expr x, Expr? y)
    {
        if (ReferenceEquals(p, Primitives.Negate))
            return x is ApplyNode { Primitive: var inner } n && ReferenceEquals(inner, Primitives.Negate) ? n.First : null;
        if (y is null) return null;
        if (ReferenceEquals(p, Primitives.Add))
            return IsZero(x) ? y : IsZero(y) ? x : null;
        if (ReferenceEquals(p, Primitives.Subtract))
            return IsPositiveZero(y) ? x : IsZero(x) ? Apply(Primitives.Negate, y, null) : null;
        if (ReferenceEquals(p, Primitives.Divide))
            return Is(y, 1) ? x : Is(y, -1) ? Apply(Primitives.Negate, x, null) : null;
        var strong = ReferenceEquals(p, Primitives.StrongMultiply);
        if (!strong && !ReferenceEquals(p, Primitives.Multiply)) return null;
        if (IsZero(x) || IsZero(y)) return Constant(0);
        if (Is(x, 1)) return y;
        if (Is(y, 1)) return x;
        if (Is(x, -1)) return Apply(Primitives.Negate, y, null);
        if (Is(y, -1)) return Apply(Primitives.Negate, x, null);
        // The strong product is the plain one where no exact zero can meet ∞ or NaN: with a finite nonzero
        // constant factor, and for a square (x ⊙ x is 0 exactly when x·x is).
        if (strong && (IsFiniteConstant(x) || IsFiniteConstant(y) || ReferenceEquals(x, y))) return Apply(Primitives.Multiply, x, y, null);
        return null;
    }

    /// <summary>The rewrites of operation nodes; null when none applies.</summary>
    private Expr? Simplify(TensorOperation operation, Expr x, Expr? y)
    {
        switch (operation)
        {
            case BroadcastToOperation b when x.Shape == b.Target:
            case SumToOperation s when x.Shape == s.Target:
            case ReshapeOperation r when x.Shape == r.Target:
                return x;
            case TransposeOperation when x is ApplyNode { Primitive: TransposeOperation } inner:
                return inner.First;
            case TransposeOperation or PermuteOperation or ReshapeOperation when x is ConstantNode { Shape.IsScalar: false } c:
                // A constant rearranged is a constant of the same size: rearranged once here, not at every evaluation
                // (the data's transpose in the gradient of X·w, say).
                return TensorConstant((ConstantNode)Expr.Constant(operation.Value(c.Value, 0)));
            case BroadcastToOperation b when x is ApplyNode { Primitive: BroadcastToOperation } inner:
                return Operate(b, inner.First, null); // a broadcast of a broadcast is one broadcast
            case OneHotOperation:
            case BroadcastToOperation when x is ConstantNode { Shape.IsScalar: true }: // the canonical zero is one of these
                return null;
        }
        // Every other operation is linear in each argument (a product of two) or takes a zero tensor nowhere it is not
        // linear: a zero argument of a linear operation gives a zero tensor.
        var linear = operation is BroadcastToOperation or SumToOperation or ReshapeOperation or TransposeOperation
            or ReduceOperation or SliceOperation or MatMulOperation or DotOperation;
        if (linear && (IsZero(x) || (y is not null && IsZero(y) && operation is MatMulOperation or DotOperation)))
            return Zero(operation.OutputShape(x.Shape, y?.Shape ?? Shape.Scalar));
        return null;
    }

    /// <summary>The number of a constant, or of a constant broadcast to a tensor (all its elements); null otherwise.</summary>
    private static double? ConstantValue(Expr e) => e switch
    {
        ConstantNode { Shape.IsScalar: true } c => c.Number,
        ApplyNode { Primitive: BroadcastToOperation, First: ConstantNode { Shape.IsScalar: true } c } => c.Number,
        _ => null,
    };

    /// <summary>An exact zero: the constant 0, or a broadcast of it.</summary>
    public static bool IsZero(Expr e) => ConstantValue(e) == 0;

    // x − (+0) is x exactly; x − (−0) is x + 0, which turns −0 into +0, and rules rely on that (log′).
    private static bool IsPositiveZero(Expr e) => ConstantValue(e) is { } v && v == 0 && !double.IsNegative(v);

    private static bool Is(Expr e, double value) => ConstantValue(e) == value;

    private static bool IsFiniteConstant(Expr e) => ConstantValue(e) is { } v && double.IsFinite(v);

    /// <summary>Keys on the primitive's identity and the argument nodes' references: the arguments are canonical.</summary>
    private sealed class KeyComparer : IEqualityComparer<(Primitive, Expr, Expr?, Expr?)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((Primitive, Expr, Expr?, Expr?) a, (Primitive, Expr, Expr?, Expr?) b) =>
            ReferenceEquals(a.Item2, b.Item2) && ReferenceEquals(a.Item3, b.Item3) && ReferenceEquals(a.Item4, b.Item4) && a.Item1.Equals(b.Item1);

        public int GetHashCode((Primitive, Expr, Expr?, Expr?) key) =>
            HashCode.Combine(key.Item1, RuntimeHelpers.GetHashCode(key.Item2), key.Item3 is null ? 0 : RuntimeHelpers.GetHashCode(key.Item3),
                key.Item4 is null ? 0 : RuntimeHelpers.GetHashCode(key.Item4));
    }
}
