using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>How a primitive is printed.</summary>
public enum Notation
{
    /// <summary>As a function call: <c>exp(x)</c>, <c>max(x, y)</c>.</summary>
    Function,
    /// <summary>As a binary operator between its arguments: <c>x + y</c>.</summary>
    Infix,
    /// <summary>As a unary operator before its argument: <c>-x</c>.</summary>
    Prefix,
}

/// <summary>
/// A primitive: what an <see cref="ApplyNode"/> applies to its arguments. Elementwise primitives (add, tanh, atan,
/// x ^ 2, …, listed in <see cref="Primitives"/>), tensor operations (MatMul, Sum along an axis, Softmax, the losses,
/// BroadcastTo, …) and <see cref="Expr.Where"/> are all primitives, each stated once with its rules side by side:
/// the output shape from the argument shapes, the value, the JVP (forward mode) and the VJP (reverse mode), also
/// as graph operations for gradients as graphs. Two primitives are equal when they are of one kind and their names,
/// arities and parameters are equal.
/// </summary>
public abstract partial class Primitive : IEquatable<Primitive>
{
    private int hash;

    private protected Primitive() { }

    /// <summary>The primitive's name, e.g. <c>mul</c>, <c>tanh</c> or <c>MatMul</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The number of arguments.</summary>
    public abstract int Arity { get; }

    /// <summary>How the primitive is printed.</summary>
    public virtual Notation Notation => Notation.Function;

    /// <summary>The printed symbol: an operator such as <c>*</c>, or the function name.</summary>
    public virtual string Symbol => Name.ToLowerInvariant();

    /// <summary>Binding strength when printed as an operator (higher binds tighter).</summary>
    public virtual int Precedence => 10;

    /// <summary>
    /// Constant parameters fixed when the primitive was made, e.g. the exponent of <c>x ^ 2</c>, or the axis of a sum
    /// along an axis; empty when there are none.
    /// </summary>
    public virtual ImmutableArray<double> Parameters => [];

    /// <summary>
    /// The scalar statements of an elementwise primitive of one or two arguments, which the scalar interpreter and
    /// compiler call directly; null for every other primitive, which the scalar layout does not run.
    /// </summary>
    internal virtual RawRules? Raw => null;

    /// <summary>The arguments printed between the parentheses: all of them, except for a node that also carries values the reader need not see (a custom derivative's value and residuals).</summary>
    internal virtual Range PrintedArguments => Range.All;

    /// <summary>What is printed after the arguments, inside the parentheses: <c>", 1"</c> for <c>elu(x, 1)</c>.</summary>
    internal virtual string PrintedParameters => string.Concat(Parameters.Select(v => ", " + ExprPrinter.FormatNumber(v)));

    /// <summary>The shape rule: the output shape for arguments of shapes <paramref name="arguments"/> (one per <see cref="Arity"/>).</summary>
    /// <exception cref="ShapeMismatchException">The primitive cannot take arguments of these shapes.</exception>
    internal abstract Shape OutputShape(ReadOnlySpan<Shape> arguments);

    /// <summary>
    /// This primitive in a graph whose free batch dimension N is given <paramref name="size"/>: the same one unless a
    /// parameter is a shape holding N (a reshape's target, say).
    /// </summary>
    internal virtual Primitive WithBatchSize(int size) => this;

    /// <summary>The value rule: the output, of shape <paramref name="shape"/>, for arguments of admissible shapes.</summary>
    internal abstract Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape);

    /// <summary>
    /// The JVP rule: the output tangent for the arguments, the output and the argument tangents (null is an exact zero,
    /// and not every tangent is null). Null for an exact zero output tangent.
    /// </summary>
    internal abstract Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents);

    /// <summary>
    /// The VJP rule: fills <paramref name="cotangents"/> with the cotangent of each argument whose entry of
    /// <paramref name="wanted"/> is true, of that argument's shape (null for an exact zero); the others are left null.
    /// </summary>
    internal abstract void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents);

    /// <summary>
    /// Whether <see cref="AddVjpInto"/> can add argument <paramref name="argument"/>'s cotangent into a running sum in
    /// place: a loop adds a parameter's cotangent over its steps, and a large one (a matrix product's G·Bᵀ) need not be
    /// a new tensor each step.
    /// </summary>
    internal virtual bool AddsVjpInPlace(int argument) => false;

    /// <summary>
    /// Adds argument <paramref name="argument"/>'s cotangent (the one <see cref="Vjp"/> would give) into
    /// <paramref name="sum"/>, which has that argument's shape; only where <see cref="AddsVjpInPlace"/> says so.
    /// </summary>
    internal virtual void AddVjpInto(ReadOnlySpan<Tensor> arguments, Tensor cotangent, int argument, double[] sum) =>
        throw new NotSupportedException($"{Name} does not add a cotangent in place.");

    /// <summary>
    /// The VJP rule as graph operations, for gradients as graphs (<see cref="Reverse.GradGraph"/>): fills
    /// <paramref name="cotangents"/> with the graph of each argument's cotangent (null for an exact zero) over the nodes
    /// of the arguments, of the output and of the output's cotangent — the same statement as <see cref="Vjp"/>.
    /// </summary>
    internal abstract void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents);

    /// <summary>
    /// The value rule when a backward sweep will follow: the output, and what <see cref="VjpFromSaved"/>
    /// will need beyond the arguments and the output (a loop's checkpoints, kept as <paramref name="options"/> asks), or
    /// null. Most primitives need nothing more: this is <see cref="Value"/>.
    /// </summary>
    internal virtual Tensor ValueForVjp(ReadOnlySpan<Tensor> arguments, Shape shape, ReverseOptions options, out object? saved)
    {
        saved = null;
        return Value(arguments, shape);
    }

    /// <summary>The VJP rule given what <see cref="ValueForVjp"/> saved (null when it was not called): by default the VJP rule alone.</summary>
    internal virtual void VjpFromSaved(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents, object? saved) =>
        Vjp(arguments, output, cotangent, wanted, cotangents);

    /// <summary>
    /// Whether this primitive's definition beyond its kind, name, arity and parameters equals <paramref name="other"/>'s
    /// (of the same kind): a loop compares its body graphs; a user's primitive and a custom derivative, which hold the
    /// user's code, are equal only to themselves. True for primitives defined by those alone.
    /// </summary>
    private protected virtual bool SameDefinition(Primitive other) => true;

    /// <summary>The hash of what <see cref="SameDefinition"/> compares; 0 for primitives defined by their name and parameters alone.</summary>
    private protected virtual int DefinitionHash => 0;

    /// <inheritdoc />
    public bool Equals(Primitive? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (GetType() == other.GetType() && GetHashCode() == other.GetHashCode() && Name == other.Name && Arity == other.Arity
                && Parameters.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(other.Parameters.Select(BitConverter.DoubleToInt64Bits))
                && SameDefinition(other)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Primitive);

    // Computed once: every node built with this primitive hashes it (hashing the name each time was a large part of
    // building a graph of millions of nodes). A race computes the same number twice.
    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (hash != 0) return hash;
        var combined = HashCode.Combine(Name, Arity);
        foreach (var p in Parameters) combined = HashCode.Combine(combined, BitConverter.DoubleToInt64Bits(p));
        if (DefinitionHash is var definition and not 0) combined = HashCode.Combine(combined, definition);
        return hash = combined == 0 ? 1 : combined;
    }

    /// <summary>The name, and the parameters in brackets when there are any, e.g. <c>powc[2]</c>.</summary>
    public override string ToString() =>
        Parameters.IsEmpty
            ? Name
            : $"{Name}[{string.Join(", ", Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}]";
}
