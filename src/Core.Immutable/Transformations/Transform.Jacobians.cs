using System.Collections.Immutable;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace FunctionalAD;

// Jacobians, JVPs and VJPs of functions ℝⁿ → ℝᵐ.
public static partial class Transform
{
    /// <summary>
    /// The m×n Jacobian of <paramref name="f"/> at <paramref name="point"/>. <see cref="JacobianMode.Forward"/>
    /// builds it column by column (n evaluations on dual numbers), <see cref="JacobianMode.Reverse"/> row by row
    /// (one recorded evaluation, m backward sweeps); <see cref="JacobianMode.Auto"/> evaluates f once to learn m
    /// and takes forward mode when n ≤ m, reverse mode otherwise. The matrix is new and the caller's own.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    /// <param name="mode">Columns, rows, or chosen by shape.</param>
    public static Matrix<double> Jacobian(IVectorFunction f, ReadOnlySpan<double> point, JacobianMode mode = JacobianMode.Auto)
    {
        ArgumentNullException.ThrowIfNull(f);
        var x = point.ToArray();
        if (mode == JacobianMode.Auto)
        {
            var m = CheckedOutputs(f.Invoke<double>(x), nameof(Jacobian)).Length;
            mode = x.Length <= m ? JacobianMode.Forward : JacobianMode.Reverse;
        }
        return mode switch
        {
            JacobianMode.Forward => JacobianByColumns(x, seeds => f.Invoke<Dual<double>>(seeds)),
            JacobianMode.Reverse => JacobianByRows(x, inputs => f.Invoke<ReverseNumber<double>>(inputs)),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Jacobian: the mode must be Auto, Forward or Reverse."),
        };
    }

    /// <summary>f at <paramref name="point"/> and J·v for the direction v: one evaluation on dual numbers.</summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    /// <param name="direction">The direction v, as long as the point.</param>
    /// <exception cref="ArgumentException">The point and the direction differ in length.</exception>
    public static ValueAndTangent<ImmutableArray<double>> Jvp(IVectorFunction f, ReadOnlySpan<double> point, ReadOnlySpan<double> direction)
    {
        ArgumentNullException.ThrowIfNull(f);
        Shapes.RequireSameLength(point.Length, direction.Length, nameof(Jvp), "point", "direction");
        var outputs = CheckedOutputs(f.Invoke<Dual<double>>(Forward.Seed(point.ToArray(), direction.ToArray())), nameof(Jvp));
        return new([.. outputs.Select(o => o.Value)], [.. outputs.Select(o => o.Tangent)]);
    }

    /// <summary>f at <paramref name="point"/> and its pullback u ↦ uᵀJ (one recorded evaluation; each call is one backward sweep).</summary>
    /// <param name="f">The function.</param>
    /// <param name="point">The point.</param>
    /// <exception cref="ArgumentException">The pullback is given a cotangent whose length is not the number of outputs.</exception>
    public static ValueAndPullback<ImmutableArray<double>, ImmutableArray<double>> Vjp(IVectorFunction f, ReadOnlySpan<double> point)
    {
        ArgumentNullException.ThrowIfNull(f);
        var inputs = Reverse.Variables(point);
        var outputs = CheckedOutputs(f.Invoke<ReverseNumber<double>>(inputs), nameof(Vjp));
        ReverseNumber<double>.EndRecording(inputs);
        return new([.. outputs.Select(o => o.Value)], u =>
        {
            Shapes.RequireSameLength(outputs.Length, u.Length, nameof(Vjp), "output", "cotangent");
            return [.. ReverseNumber<double>.Sweep(inputs, outputs, u.AsSpan())];
        });
    }

    /// <summary>The Jacobian column by column: one forward evaluation per input.</summary>
    internal static Matrix<double> JacobianByColumns(double[] x, Func<Dual<double>[], Dual<double>[]> f)
    {
        Matrix<double>? jacobian = null;
        var nested = SingleLevel.Enter();
        try
        {
            // Nested in another derivative call at the tag-free single level: zero seeds must give zero tangents.
            if (nested)
            {
                foreach (var output in CheckedOutputs(f(Forward.Seed(x, -1)), nameof(Jacobian))) SingleLevel.RequireStill(output.Tangent);
            }
            for (var j = 0; j < x.Length; j++)
            {
                var outputs = CheckedOutputs(f(Forward.Seed(x, j)), nameof(Jacobian));
                jacobian ??= Matrix<double>.Build.Dense(outputs.Length, x.Length);
                Shapes.RequireSameLength(jacobian.RowCount, outputs.Length, nameof(Jacobian), "first evaluation's output", "output");
                for (var i = 0; i < outputs.Length; i++) jacobian[i, j] = outputs[i].Tangent;
            }
            return jacobian ?? Matrix<double>.Build.Dense(CheckedOutputs(f([]), nameof(Jacobian)).Length, 0);
        }
        finally
        {
            SingleLevel.Exit();
        }
    }

    /// <summary>The Jacobian row by row: one recorded evaluation, one backward sweep per output (eight at once).</summary>
    internal static Matrix<double> JacobianByRows(double[] x, Func<ReverseNumber<double>[], ReverseNumber<double>[]> f)
    {
        var inputs = Reverse.Variables<double>(x);
        var outputs = CheckedOutputs(f([.. inputs]), nameof(Jacobian));
        ReverseNumber<double>.EndRecording(inputs);
        var jacobian = Matrix<double>.Build.Dense(outputs.Length, x.Length);
        ReverseNumber<double>.SweepRows(inputs, outputs, (i, row) => { for (var j = 0; j < row.Length; j++) jacobian[i, j] = row[j]; });
        ReverseNumber<double>.Release(inputs);
        return jacobian;
    }

    private static TOutput[] CheckedOutputs<TOutput>(TOutput[]? outputs, string operation)
    {
        if (outputs is null) throw new InvalidOperationException($"{operation}: the function returned null instead of an array of outputs.");
        for (var i = 0; i < outputs.Length; i++)
        {
            if (outputs[i] is null) throw new InvalidOperationException($"{operation}: the function's output {i} is null.");
        }
        return outputs;
    }
}
