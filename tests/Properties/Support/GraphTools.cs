using System.Collections.Immutable;
using System.Numerics;
using FunctionalAD.Properties.Generators;

namespace FunctionalAD.Properties.Support;

/// <summary>
/// Independent walks over a graph's nodes (from <see cref="Graph.Nodes"/>), written for the tests: values,
/// the absolute gradient used as a tolerance scale, fresh rebuilds, and interpretation as a function of
/// <see cref="Dual{T}"/> or <see cref="ReverseNumber{T}"/> numbers.
/// </summary>
public static class GraphTools
{
    /// <summary>The distinct nodes in topological order and each node's position (by reference).</summary>
    private static (ImmutableArray<Expr> Nodes, Dictionary<Expr, int> Position) Layout(Expr graph)
    {
        var nodes = Graph.Nodes(graph);
        var position = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Length; i++) position[nodes[i]] = i;
        return (nodes, position);
    }

    /// <summary>Every node's value, computed here with the primitives' value rules.</summary>
    public static double[] NodeValues(Expr graph, Bindings at)
    {
        var (nodes, position) = Layout(graph);
        var values = new double[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            values[i] = nodes[i] switch
            {
                ConstantNode c => c.Value.ToScalar(),
                InputNode input => at[input.Name],
                ApplyNode { Arity: 3 } w => values[position[w.Argument(0)]] != 0 ? values[position[w.Argument(1)]] : values[position[w.Argument(2)]],
                ApplyNode a => a.Primitive.Value(values[position[a.First]], a.Second is { } s ? values[position[s]] : 0),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return values;
    }

    /// <summary>
    /// The absolute gradient |g|: a reverse sweep in which every local partial is replaced by its absolute
    /// value (partials from each primitive's reference JVP with unit tangents). It bounds the sum of the
    /// magnitudes of all the terms that make up each partial derivative, so rounding errors in either mode
    /// are a small multiple of (node count)·ε·|g|ᵢ, however much those terms cancel.
    /// </summary>
    public static IReadOnlyDictionary<string, double> AbsoluteGradient(Expr graph, Bindings at)
    {
        var (nodes, position) = Layout(graph);
        var values = NodeValues(graph, at);
        var adjoint = new double[nodes.Length];
        adjoint[^1] = 1;
        var result = Graph.Inputs(graph).ToDictionary(n => n, _ => 0.0);
        for (var i = nodes.Length - 1; i >= 0; i--)
        {
            switch (nodes[i])
            {
                case ApplyNode { Arity: 3 } w: // where: the taken branch's adjoint is the node's
                    var taken = values[position[w.Argument(0)]] != 0 ? w.Argument(1) : w.Argument(2);
                    adjoint[position[taken]] += adjoint[i];
                    break;
                case ApplyNode a:
                    int first = position[a.First], second = a.Second is { } s ? position[s] : -1;
                    var (px, py) = Domains.Partials(a.Primitive, values[first], second < 0 ? 0 : values[second], values[i]);
                    adjoint[first] += Math.Abs(px) * adjoint[i];
                    if (second >= 0) adjoint[second] += Math.Abs(py) * adjoint[i];
                    break;
                case InputNode input:
                    result[input.Name] += adjoint[i];
                    break;
            }
        }
        return result;
    }

    /// <summary>
    /// Whether <paramref name="at"/> is inside every domain of <paramref name="graph"/>: each application is
    /// admitted by <see cref="Domains.Admits"/>, every |value| ≤ <see cref="Domains.MaxValue"/>, and each
    /// node's absolute sensitivity ≤ <see cref="Domains.MaxSensitivity"/>. The generator keeps exactly this.
    /// </summary>
    public static bool Admissible(Expr graph, Bindings at)
    {
        var (nodes, position) = Layout(graph);
        if (Graph.Inputs(graph).Any(n => !at.Contains(n))) return false;
        var values = NodeValues(graph, at);
        var sensitivity = new double[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            if (!double.IsFinite(values[i]) || Math.Abs(values[i]) > Domains.MaxValue) return false;
            switch (nodes[i])
            {
                case InputNode input:
                    sensitivity[i] = Math.Max(1, Math.Abs(at[input.Name]));
                    break;
                case ApplyNode a:
                    int first = position[a.First], second = a.Second is { } s ? position[s] : -1;
                    double x = values[first], y = second < 0 ? 0 : values[second];
                    if (!Domains.Admits(a.Primitive, x, y)) return false;
                    var (px, py) = Domains.Partials(a.Primitive, x, y, values[i]);
                    sensitivity[i] = Math.Abs(px) * sensitivity[first] + (second < 0 ? 0 : Math.Abs(py) * sensitivity[second]);
                    if (sensitivity[i] > Domains.MaxSensitivity) return false;
                    break;
            }
        }
        return true;
    }

    /// <summary>
    /// A fresh copy of <paramref name="graph"/> built through the public factories, node by node, with
    /// <paramref name="replace"/> given the chance to substitute any original node (by reference).
    /// </summary>
    public static Expr Rebuild(Expr graph, Func<Expr, Expr?>? replace = null)
    {
        var (nodes, position) = Layout(graph);
        var copies = new Expr[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            copies[i] = replace?.Invoke(nodes[i]) ?? nodes[i] switch
            {
                ConstantNode c => Expr.Constant(c.Value),
                InputNode input => Expr.Input(input.Name),
                ApplyNode { Second: null } a => Expr.Apply(a.Primitive, copies[position[a.First]]),
                ApplyNode a => Expr.Apply(a.Primitive, copies[position[a.First]], copies[position[a.Second!]]),
                _ => throw new InvalidOperationException("Unknown node kind."),
            };
        }
        return copies[^1];
    }

    /// <summary>
    /// <paramref name="graph"/> with the apply node <paramref name="node"/> replaced by its argument number
    /// <paramref name="argument"/> (0 or 1); the rest of the graph, sharing included, is rebuilt unchanged.
    /// </summary>
    public static Expr Bypass(Expr graph, ApplyNode node, int argument)
    {
        var (nodes, position) = Layout(graph);
        var copies = new Expr[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            copies[i] = ReferenceEquals(nodes[i], node)
                ? copies[position[node.Arguments[argument]]]
                : nodes[i] switch
                {
                    ApplyNode { Second: null } a => Expr.Apply(a.Primitive, copies[position[a.First]]),
                    ApplyNode a => Expr.Apply(a.Primitive, copies[position[a.First]], copies[position[a.Second!]]),
                    var leaf => leaf,
                };
        }
        return copies[^1];
    }

    /// <summary>The graph as a function of <see cref="Dual{T}"/>s, one per input in <see cref="Graph.Inputs"/> order.</summary>
    public static Func<Dual<double>[], Dual<double>> AsDualFunction(Expr graph) =>
        Interpret<Dual<double>>(graph, Dual.Constant, Dual.Apply, Dual.Apply);

    /// <summary>The graph as a function of <see cref="ReverseNumber{T}"/>s, one per input in <see cref="Graph.Inputs"/> order.</summary>
    public static Func<ReverseNumber<double>[], ReverseNumber<double>> AsReverseFunction(Expr graph) =>
        Interpret<ReverseNumber<double>>(graph, ReverseNumber.Constant, ReverseNumber.Apply, ReverseNumber.Apply);

    /// <summary>
    /// The graph as a function written once for every number type: each primitive is replaced by the
    /// generic-math code a user would write for it (<c>T.Exp</c>, <c>T.Max(x, T.Zero)</c> for relu, …), so the
    /// number types' own members are exercised, not the catalogue. Arguments in <see cref="Graph.Inputs"/> order.
    /// </summary>
    public static GenericGraphFunction AsGenericFunction(Expr graph) => new(graph);

    /// <summary>See <see cref="AsGenericFunction"/>; <see cref="Nodes"/> makes it a vector function of every applied node.</summary>
    public sealed class GenericGraphFunction(Expr graph) : IMultivariateFunction
    {
        private readonly (ImmutableArray<Expr> Nodes, Dictionary<Expr, int> Position) layout = Layout(graph);
        private readonly ImmutableArray<string> inputs = Graph.Inputs(graph);

        /// <summary>The graph.</summary>
        public Expr Expression => graph;

        /// <inheritdoc />
        public T Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Values(x)[^1];

        /// <summary>The vector function whose outputs are the values of every applied node, in topological order.</summary>
        public IVectorFunction Nodes => new NodeValues(this);

        /// <summary>The applied nodes, in the order of <see cref="Nodes"/>' outputs.</summary>
        public ImmutableArray<Expr> AppliedNodes => [.. layout.Nodes.Where(n => n is ApplyNode)];

        private T[] Values<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            var (nodes, position) = layout;
            var results = new T[nodes.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                results[i] = nodes[i] switch
                {
                    ConstantNode c => T.CreateChecked(c.Value.ToScalar()),
                    InputNode input => x[inputs.IndexOf(input.Name)],
                    ApplyNode a => Apply(a.Primitive, results[position[a.First]], a.Second is { } s ? results[position[s]] : T.Zero),
                    _ => throw new InvalidOperationException("Unknown node kind."),
                };
            }
            return results;
        }

        private sealed class NodeValues(GenericGraphFunction f) : IVectorFunction
        {
            public T[] Invoke<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
            {
                var values = f.Values(x);
                return [.. f.layout.Nodes.Select((n, i) => (n, i)).Where(p => p.n is ApplyNode).Select(p => values[p.i])];
            }
        }
    }

    /// <summary>A primitive as generic-math code.</summary>
    public static T Apply<T>(Primitive p, T x, T y) where T : IFloatingPointIeee754<T> => p.Name switch
    {
        "add" => x + y,
        "sub" => x - y,
        "mul" => x * y,
        "div" => x / y,
        "neg" => -x,
        "pow" => T.Pow(x, y),
        "powc" => T.Pow(x, T.CreateChecked(p.Parameters[0])),
        "exp" => T.Exp(x),
        "log" => T.Log(x),
        "sqrt" => T.Sqrt(x),
        "sin" => T.Sin(x),
        "cos" => T.Cos(x),
        "tan" => T.Tan(x),
        "tanh" => T.Tanh(x),
        "sigmoid" => T.One / (T.One + T.Exp(-x)),
        "softplus" => T.Max(x, T.Zero) + T.LogP1(T.Exp(-T.Abs(x))),
        "relu" => T.Max(x, T.Zero),
        "abs" => T.Abs(x),
        "min" => T.Min(x, y),
        "max" => T.Max(x, y),
        "atan" => T.Atan(x),
        "asin" => T.Asin(x),
        "acos" => T.Acos(x),
        "atan2" => T.Atan2(x, y),
        "sinh" => T.Sinh(x),
        "cosh" => T.Cosh(x),
        "asinh" => T.Asinh(x),
        "acosh" => T.Acosh(x),
        "atanh" => T.Atanh(x),
        "log1p" => T.LogP1(x),
        "expm1" => T.ExpM1(x),
        "log2" => T.Log2(x),
        "exp2" => T.Exp2(x),
        "cbrt" => T.Cbrt(x),
        "hypot" => T.Hypot(x, y),
        "floor" => T.Floor(x),
        "round" => T.Round(x),
        "clamp" => T.Clamp(x, T.CreateChecked(p.Parameters[0]), T.CreateChecked(p.Parameters[1])),
        // No .NET generic-math member: ScalarMath, which each number type applies as the primitive.
        "sign" => ScalarMath.Sign(x),
        "leaky_relu" => ScalarMath.LeakyRelu(x, p.Parameters[0]),
        "elu" => ScalarMath.Elu(x, p.Parameters[0]),
        "erf" => ScalarMath.Erf(x),
        "gelu" => ScalarMath.Gelu(x),
        _ => ScalarMathMember<T>(p, x, y),
    };

    /// <summary>The .NET-style member name of a primitive: silu ↦ Silu, leaky_relu ↦ LeakyRelu.</summary>
    public static string MemberName(Primitive p) =>
        string.Concat(p.Name.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>A primitive not listed above as the <see cref="ScalarMath"/> function of its name, at T.</summary>
    private static T ScalarMathMember<T>(Primitive p, T x, T y) where T : IFloatingPointIeee754<T>
    {
        var method = typeof(ScalarMath).GetMethods().SingleOrDefault(m => m.Name == MemberName(p) && m.GetParameters().Length == p.Arity)
            ?? throw new ArgumentException($"No generic form for {p}.", nameof(p));
        return (T)method.MakeGenericMethod(typeof(T)).Invoke(null, p.Arity == 1 ? [x] : [x, y])!;
    }

    private static Func<T[], T> Interpret<T>(
        Expr graph, Func<double, T> constant, Func<Primitive, T, T> unary, Func<Primitive, T, T, T> binary)
    {
        var (nodes, position) = Layout(graph);
        var inputs = Graph.Inputs(graph);
        return arguments =>
        {
            var results = new T[nodes.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                results[i] = nodes[i] switch
                {
                    ConstantNode c => constant(c.Value.ToScalar()),
                    InputNode input => arguments[inputs.IndexOf(input.Name)],
                    ApplyNode { Second: null } a => unary(a.Primitive, results[position[a.First]]),
                    ApplyNode a => binary(a.Primitive, results[position[a.First]], results[position[a.Second!]]),
                    _ => throw new InvalidOperationException("Unknown node kind."),
                };
            }
            return results[^1];
        };
    }
}
