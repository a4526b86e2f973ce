using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// A gradient checker for users, as PyTorch's <c>gradcheck</c>/<c>gradgradcheck</c> and JAX's <c>check_grads</c>: it
/// compares forward mode, reverse mode and central finite differences element by element, checks the transpose
/// identity ⟨u, Jv⟩ = ⟨Jᵀu, v⟩ for random u and v, and (for a scalar output) the Hessian against finite differences of
/// the gradient. The report names each input element that disagrees, the output element, both numbers and by how
/// much; <see cref="GradientCheckReport.ThrowIfFailed"/> throws with it. Defaults are PyTorch's in double precision
/// (<see cref="GradientCheckOptions.Default"/>). Each check costs a few evaluations per input element: it is meant for
/// small inputs, in tests.
/// </summary>
/// <example><code>GradientCheck.Of(loss, at).ThrowIfFailed();</code></example>
public static class GradientCheck
{
    /// <summary>Checks a graph (scalar or tensor inputs and output) at <paramref name="at"/>, which binds every input.</summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    public static GradientCheckReport Of(Expr graph, Bindings at, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        var names = Graph.Inputs(graph);
        var shapes = names.Select(name => at.TryGetValue(name, out var value) ? value.Shape : throw new UnboundInputException(name, names)).ToImmutableArray();
        var output = Graph.Evaluate(graph, at).Shape;

        // A point rebinds the graph's inputs in at; a direction binds only them.
        Bindings Bind(double[] flat, Bindings? onto = null)
        {
            var bound = onto ?? at;
            var offset = 0;
            for (var i = 0; i < names.Length; i++)
            {
                bound = bound.With(names[i], Tensor.Of(flat.AsSpan(offset, shapes[i].Count), shapes[i]));
                offset += shapes[i].Count;
            }
            return bound;
        }
        double[] Flatten(Func<string, Tensor?> value) =>
            [.. names.Select((name, i) => value(name)?.ToArray() ?? new double[shapes[i].Count]).SelectMany(elements => elements)];

        var point = Flatten(name => at[name]);
        var scalar = output.IsScalar;
        return new DerivativeProbe(
            $"the graph {Abbreviate(graph.ToString())}",
            [.. names.SelectMany((name, i) => Labels(name, shapes[i].Count, shapes[i].IsScalar))],
            [.. Labels("out", output.Count, output.IsScalar)],
            flat => Graph.Evaluate(graph, Bind(flat)).ToArray(),
            Jvp: direction => Forward.Jvp(graph, at, Bind(direction, Bindings.Empty)).Tangent.ToArray(),
            Vjp: cotangent =>
            {
                return Flatten(Reverse.Vjp(graph, at).Pullback(Tensor.Of(cotangent, output)).AsLookup());
            },
            Hessian: scalar ? () => Transform.Hessian(graph, at, names).ToArray() : null,
            GradientAt: scalar ? flat => Flatten(Reverse.Grad(graph, Bind(flat)).AsLookup()) : null)
            .Check(point, options ?? GradientCheckOptions.Default);
    }

    /// <summary>Checks a scalar function of several variables, written once generically, at <paramref name="point"/>.</summary>
    public static GradientCheckReport Of(IMultivariateFunction f, double[] point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var at = point.ToArray();
        return new DerivativeProbe(
            f.GetType().Name,
            [.. Labels("x", at.Length, false)],
            ["f"],
            x => [f.Invoke<double>(x)],
            Jvp: direction => [Transform.Jvp<double>(f, at, direction).Tangent],
            Vjp: cotangent => [.. Transform.Vjp<double>(f, at).Pullback(cotangent[0])],
            Hessian: () => Transform.Hessian(f, at).ToArray(),
            GradientAt: x => [.. Transform.Grad<double>(f, x)])
            .Check(at, options ?? GradientCheckOptions.Default);
    }

    /// <summary>Checks a vector function, written once generically, at <paramref name="point"/> (first order).</summary>
    public static GradientCheckReport Of(IVectorFunction f, double[] point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var at = point.ToArray();
        var outputs = f.Invoke<double>(at).Length;
        return new DerivativeProbe(
            f.GetType().Name,
            [.. Labels("x", at.Length, false)],
            [.. Labels("f", outputs, false)],
            x => f.Invoke<double>(x),
            Jvp: direction => [.. Transform.Jvp(f, at, direction).Tangent],
            Vjp: cotangent => [.. Transform.Vjp(f, at).Pullback([.. cotangent])])
            .Check(at, options ?? GradientCheckOptions.Default);
    }

    /// <summary>Checks a lambda over dual numbers (forward mode) against finite differences of its value.</summary>
    public static GradientCheckReport OfDuals(Func<Dual<double>[], Dual<double>> f, double[] point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var at = point.ToArray();
        return new DerivativeProbe(
            "a function of dual numbers",
            [.. Labels("x", at.Length, false)],
            ["f"],
            x => [f([.. x.Select(v => new Dual<double>(v, 0))]).Value],
            Jvp: direction => [Forward.JvpOf(f, at, direction).Tangent])
            .Check(at, options ?? GradientCheckOptions.Default);
    }

    /// <summary>Checks a lambda over reverse numbers (reverse mode) against finite differences of its value.</summary>
    public static GradientCheckReport OfReverseNumbers(Func<ReverseNumber<double>[], ReverseNumber<double>> f, double[] point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var at = point.ToArray();
        return new DerivativeProbe(
            "a function of reverse numbers",
            [.. Labels("x", at.Length, false)],
            ["f"],
            x => [f([.. x.Select(ReverseNumber<double>.Constant)]).Value],
            Vjp: cotangent => [.. Reverse.VjpOf(f, at).Pullback(cotangent[0])])
            .Check(at, options ?? GradientCheckOptions.Default);
    }

    /// <summary>
    /// Checks a lambda over reverse numbers of dual numbers, to second order: its gradient (reverse mode), its directional
    /// derivatives (the duals' forward mode) and its Hessian (forward over reverse) against finite differences.
    /// </summary>
    public static GradientCheckReport OfNestedNumbers(Func<ReverseNumber<Dual<double>>[], ReverseNumber<Dual<double>>> f, double[] point, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var at = point.ToArray();
        Dual<double>[] Duals(double[] values, double[]? tangents = null) => [.. values.Select((v, i) => new Dual<double>(v, tangents?[i] ?? 0))];
        return new DerivativeProbe(
            "a function of reverse numbers of dual numbers",
            [.. Labels("x", at.Length, false)],
            ["f"],
            x => [f([.. x.Select(v => ReverseNumber<Dual<double>>.Constant(new Dual<double>(v, 0)))]).Value.Value],
            Jvp: direction => [Reverse.ValueAndGradOf(f, Duals(at, direction)).Value.Tangent],
            Vjp: cotangent => [.. Reverse.VjpOf(f, Duals(at)).Pullback(new Dual<double>(cotangent[0], 0)).Select(d => d.Value)],
            Hessian: () => Transform.HessianOf(f, at).ToArray(),
            GradientAt: x => [.. Reverse.GradOf(f, Duals(x)).Select(d => d.Value)])
            .Check(at, options ?? GradientCheckOptions.Default);
    }

    private static Func<string, Tensor?> AsLookup(this Gradient gradient) => name => gradient.TryGetValue(name, out var value) ? value : null;

    private static IEnumerable<string> Labels(string name, int count, bool scalar) =>
        scalar ? [name] : Enumerable.Range(0, count).Select(k => $"{name}[{k}]");

    private static string Abbreviate(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
