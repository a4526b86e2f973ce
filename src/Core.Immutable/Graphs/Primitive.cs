using System.Collections.Immutable;
using System.Globalization;

namespace FunctionalAD;

/// <summary>The cotangents a pullback hands back, one per argument of the primitive.</summary>
/// <param name="First">Cotangent of the first argument.</param>
/// <param name="Second">Cotangent of the second argument; zero for unary primitives.</param>
public readonly record struct Cotangents(double First, double Second);

/// <summary>A pullback: maps the cotangent of a primitive's output to the cotangents of its arguments.</summary>
/// <param name="cotangent">Cotangent of the output.</param>
public delegate Cotangents Pullback(double cotangent);

/// <summary>
/// A primitive's local partial derivatives as graphs: from the nodes of the arguments and of the output,
/// the graphs of ∂f/∂x and ∂f/∂y (null for a unary primitive). Used to build gradients as graphs.
/// </summary>
/// <param name="x">The first argument.</param>
/// <param name="y">The second argument; null for a unary primitive.</param>
/// <param name="output">The primitive applied to the arguments.</param>
public delegate (Expr First, Expr? Second) SymbolicPartials(Expr x, Expr? y, Expr output);

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
/// A primitive operation and its rules, side by side: the value, the JVP (forward mode) and the
/// VJP (reverse mode, a pullback closure). A primitive takes one or two scalar arguments; a unary
/// primitive ignores its second argument, tangent and cotangent. Two primitives are equal when their
/// names, arities and parameters are equal; the catalogue is <see cref="Primitives"/>.
/// </summary>
public sealed class Primitive : IEquatable<Primitive>
{
    private readonly Func<double, double, double> value;
    private readonly Func<double, double, double, double, double, double> jvp;
    private readonly Func<double, double, double, Pullback> vjp;
    private readonly SymbolicPartials? symbolic;
    private readonly int hash;

    internal Primitive(
        string name,
        int arity,
        Notation notation,
        string symbol,
        int precedence,
        ImmutableArray<double> parameters,
        Func<double, double, double> value,
        Func<double, double, double, double, double, double> jvp,
        Func<double, double, double, Pullback> vjp,
        SymbolicPartials? symbolic = null,
        RawRules? raw = null)
    {
        Name = name;
        Arity = arity;
        Notation = notation;
        Symbol = symbol;
        Precedence = precedence;
        Parameters = parameters;
        this.value = value;
        this.jvp = jvp;
        this.vjp = vjp;
        this.symbolic = symbolic;
        Raw = raw;
        hash = Hash();
    }

    /// <summary>The statements the rules were built from; null when a rule was replaced (<see cref="WithJvp"/>, <see cref="WithVjp"/>).</summary>
    internal RawRules? Raw { get; }

    /// <summary>The primitive's name, e.g. <c>mul</c> or <c>tanh</c>.</summary>
    public string Name { get; }

    /// <summary>The number of arguments: 1 or 2.</summary>
    public int Arity { get; }

    /// <summary>How the primitive is printed.</summary>
    public Notation Notation { get; }

    /// <summary>The printed symbol: an operator such as <c>*</c>, or the function name.</summary>
    public string Symbol { get; }

    /// <summary>Binding strength when printed as an operator (higher binds tighter).</summary>
    public int Precedence { get; }

    /// <summary>Constant parameters fixed when the primitive was made, e.g. the exponent of <c>x ^ 2</c>.</summary>
    public ImmutableArray<double> Parameters { get; }

    /// <summary>The value rule: the output for arguments <paramref name="x"/> and <paramref name="y"/>.</summary>
    public double Value(double x, double y) => value(x, y);

    /// <summary>The JVP rule: the output tangent for arguments, output value and argument tangents.</summary>
    public double Jvp(double x, double y, double output, double dx, double dy) => jvp(x, y, output, dx, dy);

    /// <summary>The VJP rule: a pullback closure for arguments and output value.</summary>
    public Pullback Vjp(double x, double y, double output) => vjp(x, y, output);

    /// <summary>
    /// The local partials as graphs over the argument and output nodes, the same statement as the JVP and
    /// VJP rules; <see cref="Reverse.GradGraph"/> builds gradients from them.
    /// </summary>
    /// <exception cref="NotSupportedException">The primitive states no partials as graphs.</exception>
    internal (Expr First, Expr? Second) PartialsGraph(Expr x, Expr? y, Expr output) =>
        symbolic is null
            ? throw new NotSupportedException($"Primitive '{this}' states no partial derivatives as graphs, so it cannot be differentiated into a graph.")
            : symbolic(x, y, output);

    /// <summary>A copy of this primitive whose JVP rule is replaced (used to check that the properties catch a wrong rule).</summary>
    internal Primitive WithJvp(Func<double, double, double, double, double, double> newJvp) =>
        new(Name, Arity, Notation, Symbol, Precedence, Parameters, value, newJvp, vjp, symbolic);

    /// <summary>A copy of this primitive whose VJP rule is replaced (used to check that the properties catch a wrong rule).</summary>
    internal Primitive WithVjp(Func<double, double, double, Pullback> newVjp) =>
        new(Name, Arity, Notation, Symbol, Precedence, Parameters, value, jvp, newVjp, symbolic);

    /// <inheritdoc />
    public bool Equals(Primitive? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Name == other.Name && Arity == other.Arity
                && Parameters.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(other.Parameters.Select(BitConverter.DoubleToInt64Bits))));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Primitive);

    /// <inheritdoc />
    public override int GetHashCode() => hash;

    // Computed once: every node built with this primitive hashes it (hashing the name each time was a large part of
    // building a graph of millions of nodes).
    private int Hash()
    {
        var combined = HashCode.Combine(Name, Arity);
        foreach (var p in Parameters) combined = HashCode.Combine(combined, BitConverter.DoubleToInt64Bits(p));
        return combined;
    }

    /// <inheritdoc />
    public override string ToString() =>
        Parameters.IsEmpty
            ? Name
            : $"{Name}[{string.Join(", ", Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}]";
}
