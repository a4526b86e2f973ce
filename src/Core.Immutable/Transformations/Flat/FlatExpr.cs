using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;

namespace FunctionalAD;

/// <summary>
/// A number being traced into a <see cref="FlatGraph"/>: a small struct that names a node of the trace (or holds a
/// constant), whose operators append the operation to the trace's arrays instead of allocating a node. Made only by
/// <see cref="FlatGraph.Trace(Func{FlatExpr, FlatExpr}, string)"/>, and valid only during that call. Use it like an
/// <see cref="Expr"/> for scalar programs: operators with numbers or other traced values, and the scalar functions below
/// or any scalar primitive through <see cref="Apply(Primitive, FlatExpr)"/>. Operations on constants alone are computed
/// at once (by the primitive's own value rule) and add no node.
/// </summary>
/// <remarks>
/// Not supported, each refused with a clear exception: tensors, tensor operations, loops and primitives of more than two
/// arguments (<see cref="Expr.Where"/>), which need an <see cref="Expr"/> graph (<see cref="Graph.Trace(Func{Expr, Expr}, string)"/>);
/// combining values of two different traces; using a value after its trace has returned. As a .NET generic-math number
/// it traces every member as <see cref="Expr"/> does, except those Expr composes with <see cref="Expr.Where"/>; a branch on a
/// traced value (a comparison, <c>IsNaN</c>, …) throws <see cref="TracingException"/>, and <c>==</c> is identity (the same
/// node, or equal constants), as <c>==</c> on Expr compares graphs.
/// </remarks>
public readonly partial struct FlatExpr
{
    // What the operators call is run millions of times by one trace, often the only one: compiled optimized from the
    // first call (AggressiveOptimization) rather than after the runtime's tiering delay. The operators themselves are
    // left to tiering so that they can be inlined into the caller's loop.

    // A node of a trace when tape is set, a constant otherwise: constants need no trace, so a number converts to one anywhere.
    private readonly FlatTape? tape;
    private readonly int node;
    private readonly double number;

    internal FlatExpr(FlatTape tape, int node) => (this.tape, this.node) = (tape, node);

    private FlatExpr(double number) => this.number = number;

    internal FlatTape? Tape => tape;

    internal int Node => node;

    internal double Number => number;

    /// <summary>A constant.</summary>
    /// <param name="value">The constant's value.</param>
    public static implicit operator FlatExpr(double value) => new(value);

    /// <summary>A constant (the named twin of the conversion from <see cref="double"/>).</summary>
    [Pure] public static FlatExpr Constant(double value) => new(value);

    /// <summary>x + y.</summary>
    public static FlatExpr operator +(FlatExpr x, FlatExpr y) => Add(x, y);

    /// <summary>x − y.</summary>
    public static FlatExpr operator -(FlatExpr x, FlatExpr y) => Subtract(x, y);

    /// <summary>x · y.</summary>
    public static FlatExpr operator *(FlatExpr x, FlatExpr y) => Multiply(x, y);

    /// <summary>x / y.</summary>
    public static FlatExpr operator /(FlatExpr x, FlatExpr y) => Divide(x, y);

    /// <summary>−x.</summary>
    public static FlatExpr operator -(FlatExpr x) => Negate(x);

    // With a number on either side, as Expr has them: F# applies no conversion to an operator's operands.

    /// <summary>x + y.</summary>
    public static FlatExpr operator +(FlatExpr x, double y) => Add(x, y);

    /// <summary>x + y.</summary>
    public static FlatExpr operator +(double x, FlatExpr y) => Add(x, y);

    /// <summary>x − y.</summary>
    public static FlatExpr operator -(FlatExpr x, double y) => Subtract(x, y);

    /// <summary>x − y.</summary>
    public static FlatExpr operator -(double x, FlatExpr y) => Subtract(x, y);

    /// <summary>x · y.</summary>
    public static FlatExpr operator *(FlatExpr x, double y) => Multiply(x, y);

    /// <summary>x · y.</summary>
    public static FlatExpr operator *(double x, FlatExpr y) => Multiply(x, y);

    /// <summary>x / y.</summary>
    public static FlatExpr operator /(FlatExpr x, double y) => Divide(x, y);

    /// <summary>x / y.</summary>
    public static FlatExpr operator /(double x, FlatExpr y) => Divide(x, y);

    /// <summary>x + y.</summary>
    [Pure] public static FlatExpr Add(FlatExpr x, FlatExpr y) => Binary(FlatTape.AddSlot, x, y);

    /// <summary>x − y.</summary>
    [Pure] public static FlatExpr Subtract(FlatExpr x, FlatExpr y) => Binary(FlatTape.SubtractSlot, x, y);

    /// <summary>x · y.</summary>
    [Pure] public static FlatExpr Multiply(FlatExpr x, FlatExpr y) => Binary(FlatTape.MultiplySlot, x, y);

    /// <summary>x / y.</summary>
    [Pure] public static FlatExpr Divide(FlatExpr x, FlatExpr y) => Binary(FlatTape.DivideSlot, x, y);

    /// <summary>−x.</summary>
    [Pure] public static FlatExpr Negate(FlatExpr x) => Unary(FlatTape.NegateSlot, x);

    /// <summary>sin x.</summary>
    [Pure] public static FlatExpr Sin(FlatExpr x) => Unary(FlatTape.SinSlot, x);

    /// <summary>cos x.</summary>
    [Pure] public static FlatExpr Cos(FlatExpr x) => Unary(FlatTape.CosSlot, x);

    /// <summary>eˣ.</summary>
    [Pure] public static FlatExpr Exp(FlatExpr x) => Unary(FlatTape.ExpSlot, x);

    /// <summary>tanh x.</summary>
    [Pure] public static FlatExpr Tanh(FlatExpr x) => Unary(FlatTape.TanhSlot, x);

    /// <summary>ln x.</summary>
    [Pure] public static FlatExpr Log(FlatExpr x) => Apply(Primitives.Log, x);

    /// <summary>√x.</summary>
    [Pure] public static FlatExpr Sqrt(FlatExpr x) => Apply(Primitives.Sqrt, x);

    /// <summary>tan x.</summary>
    [Pure] public static FlatExpr Tan(FlatExpr x) => Apply(Primitives.Tan, x);

    /// <summary>The logistic sigmoid 1 / (1 + e⁻ˣ).</summary>
    [Pure] public static FlatExpr Sigmoid(FlatExpr x) => Apply(Primitives.Sigmoid, x);

    /// <summary>|x|.</summary>
    [Pure] public static FlatExpr Abs(FlatExpr x) => Apply(Primitives.Abs, x);

    /// <summary>xʸ.</summary>
    [Pure] public static FlatExpr Pow(FlatExpr x, FlatExpr y) => Apply(Primitives.Pow, x, y);

    /// <summary>x raised to a fixed <paramref name="exponent"/>.</summary>
    [Pure] public static FlatExpr Pow(FlatExpr x, double exponent) => Apply(Primitives.PowerOf(exponent), x);

    /// <summary>The smaller of x and y.</summary>
    [Pure] public static FlatExpr Min(FlatExpr x, FlatExpr y) => Apply(Primitives.Min, x, y);

    /// <summary>The larger of x and y.</summary>
    [Pure] public static FlatExpr Max(FlatExpr x, FlatExpr y) => Apply(Primitives.Max, x, y);

    /// <summary>Applies a scalar primitive of one argument (any of <see cref="Primitives"/>, or one of your own).</summary>
    /// <exception cref="NotSupportedException">The primitive is not a scalar primitive of one argument.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="x"/> belongs to a trace that has finished.</exception>
    [Pure]
    public static FlatExpr Apply(Primitive primitive, FlatExpr x)
    {
        Check(primitive, 1);
        var raw = primitive.Raw!;
        if (x.tape is null) return new(raw.UnaryValue!(x.number));
        return new(x.tape, x.tape.Apply(raw.Opcode, x.tape.SlotOf(primitive), x.node, -1));
    }

    /// <summary>Applies a scalar primitive of two arguments (any of <see cref="Primitives"/>, or one of your own).</summary>
    /// <exception cref="NotSupportedException">The primitive is not a scalar primitive of two arguments.</exception>
    /// <exception cref="InvalidOperationException">The arguments belong to two different traces, or to one that has finished.</exception>
    [Pure]
    public static FlatExpr Apply(Primitive primitive, FlatExpr x, FlatExpr y)
    {
        Check(primitive, 2);
        var raw = primitive.Raw!;
        if (x.tape is null && y.tape is null) return new(raw.BinaryValue!(x.number, y.number));
        var tape = TapeOf(x, y);
        return new(tape, tape.Apply(raw.Opcode, tape.SlotOf(primitive), NodeOn(tape, x), NodeOn(tape, y)));
    }

    /// <summary>A description: the node's position in its trace, or the constant.</summary>
    public override string ToString() => tape is null ? $"constant {number:R}" : $"node {node} of a flat trace";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] private static FlatExpr Unary(int slot, FlatExpr x)
    {
        if (x.tape is null) return new(FlatTape.Common[slot].Raw!.UnaryValue!(x.number));
        return new(x.tape, x.tape.Apply(FlatTape.CommonOpcodes[slot], slot, x.node, -1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] private static FlatExpr Binary(int slot, FlatExpr x, FlatExpr y)
    {
        if (x.tape is null && y.tape is null) return new(FlatTape.Common[slot].Raw!.BinaryValue!(x.number, y.number));
        var tape = TapeOf(x, y);
        return new(tape, tape.Apply(FlatTape.CommonOpcodes[slot], slot, NodeOn(tape, x), NodeOn(tape, y)));
    }

    private static FlatTape TapeOf(FlatExpr x, FlatExpr y)
    {
        if (x.tape is not null && y.tape is not null && !ReferenceEquals(x.tape, y.tape)) throw Mixed();
        return x.tape ?? y.tape!;
    }

    private static InvalidOperationException Mixed() => new(
        "These two values come from two different traces (two calls of FlatGraph.Trace); a traced value can be combined only with values of its own trace and with numbers.");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] private static int NodeOn(FlatTape tape, FlatExpr x) => x.tape is null ? tape.Constant(x.number) : x.node;

    private static void Check(Primitive primitive, int arity)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        if (primitive.Raw is null)
            throw new NotSupportedException(
                $"A flat graph holds scalar primitives only, and '{primitive.Name}' is a tensor operation, a loop or a primitive of more than two arguments: trace this program into an Expr graph with Graph.Trace instead.");
        if (primitive.Arity != arity)
            throw new ArgumentException($"Primitive '{primitive.Name}' takes {primitive.Arity} argument{(primitive.Arity == 1 ? "" : "s")}, not {arity}.", nameof(primitive));
    }

    /// <summary>The error for a value used after its trace has returned.</summary>
    internal static InvalidOperationException AfterTrace() => new(
        "This value belongs to a trace that has finished: values of FlatGraph.Trace can be used only inside the traced function, while it runs.");
}
