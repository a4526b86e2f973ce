using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FunctionalAD;

/// <summary>
/// Forward mode: values and tangents pushed together from the inputs to the output with each
/// primitive's JVP rule — over a graph, or over a function written with <see cref="Dual{T}"/> numbers.
/// One sweep gives the derivative along one direction.
/// </summary>
public static partial class Forward
{
    /// <summary>
    /// The value of <paramref name="graph"/> at <paramref name="at"/> and its directional derivative J·v along
    /// <paramref name="direction"/> (input names to tangents of the inputs' shapes; a name left out has tangent zero).
    /// </summary>
    /// <example><code>double dydx = Forward.Jvp(w * x + b, at, Bindings.Of(("x", 1.0))).Tangent;   // w</code></example>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding or a tangent does not have its input's shape.</exception>
    /// <exception cref="ArgumentException"><paramref name="direction"/> names an input the graph does not have.</exception>
    public static ValueAndTangent<Tensor> Jvp(Expr graph, Bindings at, Bindings direction)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(direction);
        var topology = graph.Topology;
        if (topology.HasTensors) return JvpTensors(graph, at, direction);
        var (value, tangent) = ScalarJvp(topology, at, direction);
        return new(value, tangent);
    }

    /// <summary>The value and directional derivative of a scalar layout (an <see cref="Expr"/> graph's or a <see cref="FlatGraph"/>'s) on the interpreter.</summary>
    private static ValueAndTangent<double> ScalarJvp(Topology topology, Bindings at, Bindings direction)
    {
        var inputs = topology.Bind(at);
        var seeds = topology.Seeds(direction);
        double[] values = Interpreter.Rent(topology.Count, clear: false), tangents = Interpreter.Rent(topology.Count);
        try
        {
            Interpreter.Values(topology, inputs, values);
            return new(values[topology.Count - 1], Interpreter.Tangents(topology, values, seeds, tangents));
        }
        finally
        {
            Interpreter.Return(values);
            Interpreter.Return(tangents);
        }
    }

    /// <summary>
    /// The gradient of a graph with a scalar output at <paramref name="at"/>, by one JVP per input element: one tensor
    /// per input, of that input's shape.
    /// </summary>
    /// <exception cref="UnboundInputException">An input of the graph has no value in <paramref name="at"/>.</exception>
    /// <exception cref="ShapeMismatchException">A binding does not have its input's declared shape.</exception>
    /// <exception cref="InvalidOperationException">The graph's output is not a scalar.</exception>
    public static Gradient Grad(Expr graph, Bindings at)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(at);
        var topology = graph.Topology;
        if (topology.HasTensors) return GradTensors(graph, at);
        var values = Interpreter.RentValues(topology, at);
        var tangents = Interpreter.Rent(topology.Count);
        var partials = new double[topology.InputNames.Length];
        var seeds = new double[partials.Length];
        try
        {
            for (var i = 0; i < partials.Length; i++)
            {
                seeds[i] = 1;
                partials[i] = Interpreter.Tangents(topology, values, seeds, tangents);
                seeds[i] = 0;
            }
        }
        finally
        {
            Interpreter.Return(values);
            Interpreter.Return(tangents);
        }
        return Gradient.Owning(topology.InputNames, partials);
    }

    /// <summary>
    /// The derivative of a univariate function at <paramref name="x"/>. Generic over the scalar, so it nests:
    /// inside a function of a <c>Dual&lt;double&gt;</c>, differentiate with <c>T = Dual&lt;double&gt;</c> and the
    /// result is itself a dual number, differentiable by the outer call.
    /// </summary>
    /// <example><code>Forward.Derivative(t => Dual.Sin(t) * t, 1.0)   // sin 1 + cos 1</code></example>
    /// <exception cref="InvalidOperationException">Perturbation confusion: <paramref name="f"/> uses the numbers of an
    /// enclosing derivative call at its own level.</exception>
    public static T Derivative<T>(Func<Dual<T>, Dual<T>> f, T x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!SingleLevel.Applies<T>()) return f(new Dual<T>(x, T.One, Dual<T>.NewTag())).Tangent;
        var nested = SingleLevel.Enter();
        try
        {
            if (nested) SingleLevel.RequireStill(f(new Dual<T>(x, T.Zero)).Tangent);
            return f(new Dual<T>(x, T.One)).Tangent;
        }
        finally
        {
            SingleLevel.Exit();
        }
    }

    /// <summary>
    /// The value of <paramref name="f"/> at <paramref name="point"/> and its derivative along
    /// <paramref name="direction"/>, in one sweep.
    /// </summary>
    /// <exception cref="ArgumentException">The point and the direction differ in length.</exception>
    /// <exception cref="InvalidOperationException">Perturbation confusion: <paramref name="f"/> uses the numbers of an
    /// enclosing derivative call at its own level.</exception>
    public static Dual<T> JvpOf<T>(Func<Dual<T>[], Dual<T>> f, T[] point, T[] direction) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(direction);
        Shapes.RequireSameLength(point.Length, direction.Length, "JvpOf", "point", "direction");
        // Every element is written before f sees it, so the array need not be zeroed first.
        return JvpOf(f, point, direction, GC.AllocateUninitializedArray<Dual<T>>(point.Length));
    }

    /// <summary>
    /// The value of <paramref name="f"/> at <paramref name="point"/> and its derivative along
    /// <paramref name="direction"/>, in one sweep, allocating nothing: the dual inputs are written into the caller's
    /// <paramref name="seeds"/>, which <paramref name="f"/> receives. A loop of JVPs (a new point or direction each
    /// time) reuses one buffer; each call overwrites it.
    /// </summary>
    /// <example><code>
    /// var seeds = new Dual&lt;double&gt;[point.Length];
    /// foreach (var v in directions) Console.WriteLine(Forward.JvpOf(f, point, v, seeds).Tangent);
    /// </code></example>
    /// <param name="f">The function; it must not keep <paramref name="seeds"/>, which the next call overwrites.</param>
    /// <param name="point">The point.</param>
    /// <param name="direction">The direction, as long as the point.</param>
    /// <param name="seeds">The buffer for f's inputs, as long as the point.</param>
    /// <exception cref="ArgumentException">The direction or the buffer differs in length from the point.</exception>
    /// <exception cref="InvalidOperationException">Perturbation confusion: <paramref name="f"/> uses the numbers of an
    /// enclosing derivative call at its own level.</exception>
    public static Dual<T> JvpOf<T>(Func<Dual<T>[], Dual<T>> f, ReadOnlySpan<T> point, ReadOnlySpan<T> direction, Dual<T>[] seeds)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(seeds);
        Shapes.RequireSameLength(point.Length, direction.Length, "JvpOf", "point", "direction");
        Shapes.RequireSameLength(point.Length, seeds.Length, "JvpOf", "point", "seed buffer");
        if (!SingleLevel.Applies<T>())
        {
            Fill(seeds, point, direction, Dual<T>.NewTag());
            return f(seeds);
        }
        var nested = SingleLevel.Enter();
        try
        {
            if (nested)
            {
                Fill(seeds, point, default, 0);
                SingleLevel.RequireStill(f(seeds).Tangent);
            }
            Fill(seeds, point, direction, 0);
            return f(seeds);
        }
        finally
        {
            SingleLevel.Exit();
        }
    }

    /// <summary>The gradient of <paramref name="f"/> at <paramref name="point"/>, by one JVP per component.</summary>
    /// <exception cref="InvalidOperationException">Perturbation confusion: <paramref name="f"/> uses the numbers of an
    /// enclosing derivative call at its own level.</exception>
    public static ImmutableArray<T> GradOf<T>(Func<Dual<T>[], Dual<T>> f, T[] point) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(point);
        var copy = point.ToArray();
        var gradient = new T[copy.Length];
        var nested = SingleLevel.Applies<T>() && SingleLevel.Enter();
        try
        {
            if (nested) SingleLevel.RequireStill(f(Seed(copy, -1)).Tangent);
            for (var i = 0; i < copy.Length; i++) gradient[i] = f(Seed(copy, i)).Tangent;
        }
        finally
        {
            if (SingleLevel.Applies<T>()) SingleLevel.Exit();
        }
        return [.. gradient];
    }

    /// <summary>Fresh duals at <paramref name="point"/> with the given tangents, all carrying one fresh perturbation tag.</summary>
    internal static Dual<T>[] Seed<T>(T[] point, T[] direction) where T : IFloatingPointIeee754<T>
    {
        // Every element is written below, so the array need not be zeroed first.
        var duals = GC.AllocateUninitializedArray<Dual<T>>(point.Length);
        Fill(duals, point, direction, Dual<T>.NewTag());
        return duals;
    }

    /// <summary>
    /// Fresh duals at <paramref name="point"/> with tangent 1 in component <paramref name="axis"/>, 0 elsewhere (all 0
    /// for an axis of −1, the probe of a nested call).
    /// </summary>
    internal static Dual<T>[] Seed<T>(T[] point, int axis) where T : IFloatingPointIeee754<T>
    {
        var duals = new Dual<T>[point.Length];
        var tag = Dual<T>.NewTag();
        for (var i = 0; i < duals.Length; i++) duals[i] = new Dual<T>(point[i], i == axis ? T.One : T.Zero, tag);
        return duals;
    }

    // The duals point[i] + direction[i]·ε (an empty direction: all tangents zero), written into the buffer; a −0
    // direction becomes +0, as in every dual.
    private static void Fill<T>(Dual<T>[] duals, ReadOnlySpan<T> point, ReadOnlySpan<T> direction, int tag)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && !direction.IsEmpty)
        {
            FillDoubles(Unsafe.As<Dual<T>[], Dual<double>[]>(ref duals), AsDoubles(point), AsDoubles(direction));
            return;
        }
        var buffer = duals.AsSpan(0, point.Length);
        if (direction.IsEmpty)
        {
            for (var i = 0; i < buffer.Length; i++) buffer[i] = new Dual<T>(point[i], T.Zero, tag);
            return;
        }
        for (var i = 0; i < buffer.Length; i++) buffer[i] = new Dual<T>(point[i], Dual<T>.Canonical(direction[i]), tag);
    }

    // Fill at the single level, where every dual's tag is 0: value and tangent go in as one 16-byte store per dual
    // (three scalar stores per dual made seeding a third of the JVP of a cheap function).
    private static void FillDoubles(Dual<double>[] duals, ReadOnlySpan<double> point, ReadOnlySpan<double> direction)
    {
        var buffer = duals.AsSpan(0, point.Length);
        direction = direction[..point.Length];
        for (var i = 0; i < buffer.Length; i++)
            Unsafe.As<Dual<double>, Vector128<double>>(ref buffer[i]) = Vector128.Create(point[i], direction[i] + 0.0);
    }

    private static ReadOnlySpan<double> AsDoubles<T>(ReadOnlySpan<T> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(span)), span.Length);
}
