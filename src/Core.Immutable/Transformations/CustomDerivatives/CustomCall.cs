using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The primitive of a <see cref="CustomDerivative"/> node. Its arguments are the function's value (computed by the
/// function's own graph, which passes through and is not differentiated), the function's arguments, and the residuals
/// saved for the backward pass (nodes of the graph, so computed once in the forward pass and differentiable at higher
/// order). Its derivative rules are the custom derivative's graphs: taken as they are for gradients as graphs, and
/// evaluated over placeholder inputs for the numeric JVP and VJP, so both are one statement.
/// </summary>
internal sealed class CustomCall : Primitive
{
    private readonly CustomDerivative owner;
    private readonly int arguments;
    private readonly int residuals;
    private RuleGraphs? rules;

    public CustomCall(CustomDerivative owner, int arguments, int residuals)
    {
        this.owner = owner;
        this.arguments = arguments;
        this.residuals = residuals;
    }

    public override string Name => owner.Name;

    public override int Arity => 1 + arguments + residuals;

    private protected override bool SameDefinition(Primitive other) => other is CustomCall call && ReferenceEquals(call.owner, owner);

    // sqrt_newton(a), not the value's own graph and the residuals.
    internal override Range PrintedArguments => 1..(1 + arguments);

    internal override Shape OutputShape(ReadOnlySpan<Shape> shapes) => shapes[0];

    internal override Tensor Value(ReadOnlySpan<Tensor> values, Shape shape) => values[0];

    internal override Tensor? Jvp(ReadOnlySpan<Tensor> values, Tensor output, ReadOnlySpan<Tensor?> tangents)
    {
        var given = false;
        for (var i = 0; i < arguments; i++) given |= tangents[1 + i] is not null;
        if (!given) return null;
        var rules = RulesFor(values);
        var named = Placeholders.Named(values, output, arguments, residuals);
        for (var i = 0; i < arguments; i++) named.Add((Placeholders.Tangent(i), tangents[1 + i] ?? Tensor.Zeros(values[1 + i].Shape)));
        var at = Bindings.Of([.. named]);
        return Evaluate(rules.Tangent, at);
    }

    internal override void Vjp(ReadOnlySpan<Tensor> values, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents)
    {
        var rules = RulesFor(values);
        var named = Placeholders.Named(values, output, arguments, residuals);
        named.Add((Placeholders.Cotangent, cotangent));
        var at = Bindings.Of([.. named]);
        for (var i = 0; i < arguments; i++)
            if (wanted[1 + i]) cotangents[1 + i] = Evaluate(rules.Cotangents[i], at);
    }

    internal override void VjpGraph(ReadOnlySpan<Expr> nodes, Expr output, Expr cotangent, Span<Expr?> cotangents)
    {
        var found = owner.CotangentGraphs(nodes.Slice(1, arguments).ToImmutableArray(), nodes.Slice(1 + arguments).ToImmutableArray(), output, cotangent);
        for (var i = 0; i < arguments; i++) cotangents[1 + i] = found[i];
    }

    private Tensor Evaluate(Expr rule, Bindings at)
    {
        try
        {
            return Graph.Evaluate(rule, at);
        }
        catch (UnboundInputException unbound)
        {
            throw new InvalidOperationException(
                $"The rule of '{Name}' uses the input '{unbound.InputName}', which is not one of its arguments: pass it as an argument.", unbound);
        }
    }

    // The rule graphs over placeholders of this node's shapes, made once (a race makes them twice, equal).
    private RuleGraphs RulesFor(ReadOnlySpan<Tensor> values)
    {
        if (rules is { } made) return made;
        var argumentNodes = Placeholders.Inputs(values.Slice(1, arguments), Placeholders.Argument);
        var residualNodes = Placeholders.Inputs(values.Slice(1 + arguments), Placeholders.Residual);
        var output = Expr.Input(Placeholders.Output, values[0].Shape);
        var tangents = Placeholders.Inputs(values.Slice(1, arguments), Placeholders.Tangent);
        var cotangent = Expr.Input(Placeholders.Cotangent, values[0].Shape);
        return rules = new RuleGraphs(
            owner.TangentGraph(argumentNodes, residualNodes, output, tangents),
            owner.CotangentGraphs(argumentNodes, residualNodes, output, cotangent));
    }

    private sealed record RuleGraphs(Expr Tangent, ImmutableArray<Expr> Cotangents);

    /// <summary>The inputs the numeric rules are stated over.</summary>
    private static class Placeholders
    {
        public const string Output = "custom·output";
        public const string Cotangent = "custom·cotangent";

        public static string Argument(int i) => $"custom·argument·{i}";

        public static string Residual(int i) => $"custom·residual·{i}";

        public static string Tangent(int i) => $"custom·tangent·{i}";

        public static ImmutableArray<Expr> Inputs(ReadOnlySpan<Tensor> values, Func<int, string> name)
        {
            var inputs = ImmutableArray.CreateBuilder<Expr>(values.Length);
            for (var i = 0; i < values.Length; i++) inputs.Add(Expr.Input(name(i), values[i].Shape));
            return inputs.MoveToImmutable();
        }

        // The values of a node's placeholders, bound at once (With would copy the bindings once per name).
        public static List<(string Name, Tensor Value)> Named(ReadOnlySpan<Tensor> values, Tensor output, int arguments, int residuals)
        {
            var named = new List<(string, Tensor)>(2 + 2 * arguments + residuals) { (Output, output) };
            for (var i = 0; i < arguments; i++) named.Add((Argument(i), values[1 + i]));
            for (var i = 0; i < residuals; i++) named.Add((Residual(i), values[1 + arguments + i]));
            return named;
        }
    }
}
