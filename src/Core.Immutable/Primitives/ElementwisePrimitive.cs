using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>The cotangents a scalar pullback hands back, one per argument of the primitive.</summary>
/// <param name="First">Cotangent of the first argument.</param>
/// <param name="Second">Cotangent of the second argument; zero for unary primitives.</param>
internal readonly record struct Cotangents(double First, double Second);

/// <summary>A scalar pullback: maps the cotangent of a primitive's output to the cotangents of its arguments.</summary>
/// <param name="cotangent">Cotangent of the output.</param>
internal delegate Cotangents Pullback(double cotangent);

/// <summary>
/// A primitive's local partial derivatives as graphs: from the nodes of the arguments and of the output,
/// the graphs of ∂f/∂x and ∂f/∂y (null for a unary primitive). Used to build gradients as graphs.
/// </summary>
internal delegate (Expr First, Expr? Second) SymbolicPartials(Expr x, Expr? y, Expr output);

/// <summary>
/// An elementwise primitive of one or two arguments and its scalar rules, side by side: the value, the JVP and the
/// VJP, made from one statement of the derivative (<see cref="Rules"/>). A unary primitive ignores its second
/// argument, tangent and cotangent. On tensors it applies element by element with broadcasting
/// (<see cref="Elementwise"/>); the catalogue is <see cref="Primitives"/>.
/// </summary>
internal sealed partial class ElementwisePrimitive : Primitive
{
    private readonly Func<double, double, double> value;
    private readonly Func<double, double, double, double, double, double> jvp;
    private readonly Func<double, double, double, Pullback> vjp;
    private readonly SymbolicPartials symbolic;

    internal ElementwisePrimitive(
        string name,
        int arity,
        Notation notation,
        string symbol,
        int precedence,
        ImmutableArray<double> parameters,
        Func<double, double, double> value,
        Func<double, double, double, double, double, double> jvp,
        Func<double, double, double, Pullback> vjp,
        SymbolicPartials symbolic,
        RawRules raw,
        bool userDefined = false)
    {
        this.name = name;
        this.arity = arity;
        this.userDefined = userDefined;
        this.notation = notation;
        this.symbol = symbol;
        this.precedence = precedence;
        this.parameters = parameters;
        this.value = value;
        this.jvp = jvp;
        this.vjp = vjp;
        this.symbolic = symbolic;
        Raw = raw;
    }

    private readonly string name;
    private readonly int arity;
    private readonly bool userDefined;
    private readonly Notation notation;
    private readonly string symbol;
    private readonly int precedence;
    private readonly ImmutableArray<double> parameters;

    /// <summary>Whether a user defined it (<see cref="UserPrimitives"/>), outside the catalogue.</summary>
    internal bool IsUserDefined => userDefined;

    // A user's primitive is equal only to itself: its rules are the user's, which its name does not determine.
    private protected override bool SameDefinition(Primitive other) =>
        !userDefined && other is ElementwisePrimitive { userDefined: false } || ReferenceEquals(this, other);

    /// <summary>The statements the rules were built from, which the scalar interpreter and compiler call.</summary>
    internal override RawRules Raw { get; }

    public override string Name => name;

    public override int Arity => arity;

    public override Notation Notation => notation;

    public override string Symbol => symbol;

    public override int Precedence => precedence;

    public override ImmutableArray<double> Parameters => parameters;

    /// <summary>The value rule: the output for arguments <paramref name="x"/> and <paramref name="y"/>.</summary>
    internal double Value(double x, double y) => value(x, y);

    /// <summary>The JVP rule: the output tangent for arguments, output value and argument tangents.</summary>
    internal double Jvp(double x, double y, double output, double dx, double dy) => jvp(x, y, output, dx, dy);

    /// <summary>The VJP rule: a pullback closure for arguments and output value.</summary>
    internal Pullback Vjp(double x, double y, double output) => vjp(x, y, output);

    /// <summary>
    /// The local partials as graphs over the argument and output nodes, the same statement as the JVP and
    /// VJP rules; <see cref="Reverse.GradGraph"/> builds gradients from them.
    /// </summary>
    internal (Expr First, Expr? Second) PartialsGraph(Expr x, Expr? y, Expr output) => symbolic(x, y, output);

    /// <summary>
    /// <paramref name="primitive"/> as an elementwise primitive of <paramref name="arity"/> arguments, for the number
    /// types, which apply such primitives one number at a time.
    /// </summary>
    /// <exception cref="ArgumentException">It is another kind of primitive, or takes another number of arguments.</exception>
    internal static ElementwisePrimitive Of(Primitive primitive, int arity) =>
        primitive is ElementwisePrimitive elementwise && elementwise.Arity == arity
            ? elementwise
            : throw new ArgumentException(
                $"Primitive '{primitive}' is not an elementwise primitive of {arity} argument{(arity == 1 ? "" : "s")}; number types apply the elementwise primitives of Primitives.All.",
                nameof(primitive));

    /// <inheritdoc />
    internal override Shape OutputShape(ReadOnlySpan<Shape> arguments) =>
        Arity == 1 ? arguments[0]
        : arguments[0].IsScalar && arguments[1].IsScalar ? default
        : Broadcasting.Shape(Name, arguments[0], arguments[1]);

    /// <inheritdoc />
    internal override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape) =>
        Elementwise.Value(this, arguments[0], Arity == 1 ? 0 : arguments[1], shape);

    /// <inheritdoc />
    internal override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
        Elementwise.Jvp(this, arguments[0], Arity == 1 ? 0 : arguments[1], output, tangents[0], Arity == 1 ? null : tangents[1]);

    /// <inheritdoc />
    internal override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents)
    {
        var (first, second) = Elementwise.Vjp(this, arguments[0], Arity == 1 ? 0 : arguments[1], output, cotangent, wanted[0], Arity == 2 && wanted[1]);
        cotangents[0] = first;
        if (Arity == 2) cotangents[1] = second;
    }

    /// <summary>Each argument's cotangent is its partial ⊙ the output's cotangent, summed back to the argument's shape where it was broadcast.</summary>
    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        var (dx, dy) = PartialsGraph(arguments[0], Arity == 1 ? null : arguments[1], output);
        cotangents[0] = Contribution(dx, arguments[0].Shape);
        if (Arity == 2) cotangents[1] = Contribution(dy!, arguments[1].Shape);

        Expr Contribution(Expr partial, Shape shape)
        {
            var product = Expr.Apply(Primitives.StrongMultiply, partial, cotangent);
            return product.Shape == shape ? product : Expr.SumTo(product, shape);
        }
    }
}
