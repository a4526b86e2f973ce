using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A function of graphs with a derivative of the user's choosing, as JAX's <c>custom_jvp</c> and <c>custom_vjp</c>:
/// a numerically stable formula, an implicit function (Newton's iteration differentiated by the implicit function
/// theorem), a clipped gradient, a straight-through estimator. Stated either by its JVP (<see cref="WithJvp(string, int, Func{ImmutableArray{Expr}, Expr}, CustomJvp)"/>)
/// or by a forward function that saves residuals and a backward function (<see cref="WithVjp(string, int, Func{ImmutableArray{Expr}, ForwardWithResiduals}, CustomVjp)"/>);
/// the other rule is the linear transpose of the one stated. <see cref="Apply"/> makes a node whose value is the
/// function's and whose derivative, in every mode and transformation, is the rule's: the function's own graph is not
/// differentiated. The rule is itself a graph, so a second derivative differentiates the rule (a rule stated with the
/// <c>output</c> it receives is differentiated by itself again), never a silent zero.
/// </summary>
/// <remarks>
/// A rule's graphs must be built from what it receives (arguments, residuals, output, tangents or cotangent) and
/// constants: an input of the enclosing graph that the rule closes over has no value when the rule is evaluated
/// (pass it as an argument instead). Transposing a stated JVP builds one JVP per element of each argument (and
/// transposing a VJP one VJP per element of the output), so a rule on large tensors should state the VJP when its
/// output is small, and the JVP when its arguments are.
/// </remarks>
public sealed class CustomDerivative
{
    /// <summary>The most elements a transposed rule unrolls (see the remarks).</summary>
    public const int TransposedElementLimit = 4096;

    private readonly Func<ImmutableArray<Expr>, ForwardWithResiduals> forward;
    private readonly CustomJvp? jvp;
    private readonly CustomVjp? vjp;

    private CustomDerivative(string name, int arity, Func<ImmutableArray<Expr>, ForwardWithResiduals> forward, CustomJvp? jvp, CustomVjp? vjp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(arity, 1);
        Name = name;
        Arity = arity;
        this.forward = forward;
        this.jvp = jvp;
        this.vjp = vjp;
    }

    /// <summary>The name the custom node is printed and saved with.</summary>
    public string Name { get; }

    /// <summary>The number of arguments.</summary>
    public int Arity { get; }

    /// <summary>
    /// A function of <paramref name="arity"/> arguments whose derivative is <paramref name="jvp"/> (JAX's
    /// <c>custom_jvp</c>); reverse mode uses its transpose.
    /// </summary>
    /// <param name="name">The name the node is printed and saved with.</param>
    /// <param name="arity">The number of arguments.</param>
    /// <param name="function">The function's value, as a graph of its arguments (not differentiated).</param>
    /// <param name="jvp">The output tangent, linear in the tangents.</param>
    public static CustomDerivative WithJvp(string name, int arity, Func<ImmutableArray<Expr>, Expr> function, CustomJvp jvp)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(jvp);
        return new(name, arity, arguments => new ForwardWithResiduals(function(arguments), []), jvp, null);
    }

    /// <summary>A function of one argument whose derivative is <paramref name="jvp"/>(x, y, dx) = dy, with y the output.</summary>
    /// <param name="name">The name the node is printed and saved with.</param>
    /// <param name="function">The function's value (not differentiated).</param>
    /// <param name="jvp">The output tangent from the argument, the output and the argument's tangent.</param>
    public static CustomDerivative WithJvp(string name, Func<Expr, Expr> function, Func<Expr, Expr, Expr, Expr> jvp)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(jvp);
        return WithJvp(name, 1, arguments => function(arguments[0]), (arguments, output, tangents) => jvp(arguments[0], output, tangents[0]));
    }

    /// <summary>
    /// A function of <paramref name="arity"/> arguments whose derivative is stated in reverse (JAX's
    /// <c>custom_vjp</c>): <paramref name="forward"/> gives the value and the residuals to save, and
    /// <paramref name="backward"/> the arguments' cotangents from them; forward mode uses its transpose.
    /// </summary>
    /// <param name="name">The name the node is printed and saved with.</param>
    /// <param name="arity">The number of arguments.</param>
    /// <param name="forward">The value and the residuals, as graphs of the arguments; the value is not differentiated.</param>
    /// <param name="backward">One cotangent per argument.</param>
    public static CustomDerivative WithVjp(string name, int arity, Func<ImmutableArray<Expr>, ForwardWithResiduals> forward, CustomVjp backward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(backward);
        return new(name, arity, forward, null, backward);
    }

    /// <summary>
    /// A function of one argument whose derivative is stated in reverse: <paramref name="vjp"/>(x, y, ȳ) is the
    /// argument's cotangent, with y the output and ȳ its cotangent (the argument is the one residual).
    /// </summary>
    /// <param name="name">The name the node is printed and saved with.</param>
    /// <param name="function">The function's value (not differentiated).</param>
    /// <param name="vjp">The argument's cotangent from the argument, the output and the output's cotangent.</param>
    public static CustomDerivative WithVjp(string name, Func<Expr, Expr> function, Func<Expr, Expr, Expr, Expr> vjp)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(vjp);
        return WithVjp(name, 1,
            arguments => new ForwardWithResiduals(function(arguments[0]), [arguments[0]]),
            (residuals, output, cotangent) => [vjp(residuals[0], output, cotangent)]);
    }

    /// <summary>The function applied to <paramref name="arguments"/>: a node with the function's value and this derivative.</summary>
    /// <exception cref="ArgumentException">The number of arguments is not <see cref="Arity"/>, or the forward function returned no value.</exception>
    public Expr Apply(params Expr[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length != Arity)
            throw new ArgumentException($"The custom derivative '{Name}' takes {Arity} argument{(Arity == 1 ? "" : "s")}, not {arguments.Length}.", nameof(arguments));
        foreach (var argument in arguments)
            if (argument is null) throw new ArgumentNullException(nameof(arguments), $"An argument of '{Name}' is null.");
        var given = arguments.ToImmutableArray();
        var (output, residuals) = forward(given);
        if (output is null) throw new ArgumentException($"The forward function of '{Name}' returned no value.", nameof(arguments));
        residuals = residuals.IsDefault ? [] : residuals;
        if (residuals.Any(r => r is null)) throw new ArgumentException($"The forward function of '{Name}' returned a null residual.", nameof(arguments));
        Expr[] node = [output, .. given, .. residuals];
        return Expr.Apply(new CustomCall(this, Arity, residuals.Length), node);
    }

    /// <summary>The output tangent as a graph: the stated JVP, or the transpose of the stated VJP.</summary>
    internal Expr TangentGraph(ImmutableArray<Expr> arguments, ImmutableArray<Expr> residuals, Expr output, ImmutableArray<Expr> tangents)
    {
        var tangent = jvp is not null
            ? jvp(arguments, output, tangents)
            : LinearTransposition.Tangent(this, cotangent => Cotangents(residuals, output, cotangent, arguments), output.Shape, tangents);
        return Checked(tangent, output.Shape, "the output tangent");
    }

    /// <summary>The arguments' cotangents as graphs: the stated VJP, or the transpose of the stated JVP.</summary>
    internal ImmutableArray<Expr> CotangentGraphs(ImmutableArray<Expr> arguments, ImmutableArray<Expr> residuals, Expr output, Expr cotangent) =>
        vjp is not null
            ? Cotangents(residuals, output, cotangent, arguments)
            : LinearTransposition.Cotangents(this, tangents => Checked(jvp!(arguments, output, tangents), output.Shape, "the output tangent"),
                arguments.Select(a => a.Shape).ToImmutableArray(), cotangent);

    private ImmutableArray<Expr> Cotangents(ImmutableArray<Expr> residuals, Expr output, Expr cotangent, ImmutableArray<Expr> arguments)
    {
        var cotangents = vjp!(residuals, output, cotangent);
        if (cotangents.IsDefault || cotangents.Length != Arity)
            throw new InvalidOperationException(
                $"The backward function of '{Name}' returned {(cotangents.IsDefault ? 0 : cotangents.Length)} cotangents; it must return one per argument ({Arity}).");
        for (var i = 0; i < Arity; i++) Checked(cotangents[i], arguments[i].Shape, $"the cotangent of argument {i + 1}");
        return cotangents;
    }

    private Expr Checked(Expr? rule, Shape expected, string what)
    {
        if (rule is null) throw new InvalidOperationException($"The rule of '{Name}' returned null for {what}.");
        if (rule.Shape != expected)
            throw new ShapeMismatchException(Name, $"{Name}: the rule's graph for {what} has shape {rule.Shape}, not {expected}.");
        return rule;
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
