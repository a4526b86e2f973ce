using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>
/// The transpose of a linear rule, as graphs, by its action on unit tensors: a VJP from a JVP, ⟨ȳ, J eᵢⱼ⟩ for each
/// element j of each argument i, and a JVP from a VJP, Σₖ fₖ Σᵢ ⟨(Jᵀfₖ)ᵢ, tᵢ⟩ over the output's elements. Exact
/// (no finite differences), and the result is a graph, so it differentiates again.
/// </summary>
internal static class LinearTransposition
{
    /// <summary>The arguments' cotangents, from the output tangent <paramref name="jvp"/> gives for the tangents.</summary>
    public static ImmutableArray<Expr> Cotangents(CustomDerivative owner, Func<ImmutableArray<Expr>, Expr> jvp, ImmutableArray<Shape> arguments, Expr cotangent)
    {
        var zeros = arguments.Select(Zero).ToImmutableArray();
        var cotangents = ImmutableArray.CreateBuilder<Expr>(arguments.Length);
        for (var i = 0; i < arguments.Length; i++)
        {
            var slot = i;
            cotangents.Add(Combine(owner, arguments[i], unit => Inner(cotangent, jvp(zeros.SetItem(slot, unit)))));
        }
        return cotangents.MoveToImmutable();
    }

    /// <summary>The output tangent, from the arguments' cotangents <paramref name="vjp"/> gives for an output cotangent.</summary>
    public static Expr Tangent(CustomDerivative owner, Func<Expr, ImmutableArray<Expr>> vjp, Shape output, ImmutableArray<Expr> tangents) =>
        Combine(owner, output, unit =>
        {
            var cotangents = vjp(unit);
            var sum = Inner(cotangents[0], tangents[0]);
            for (var i = 1; i < tangents.Length; i++) sum += Inner(cotangents[i], tangents[i]);
            return sum;
        });

    // Σⱼ eⱼ · coefficient(eⱼ) over the unit tensors eⱼ of the shape: for a scalar, coefficient(1) itself.
    private static Expr Combine(CustomDerivative owner, Shape shape, Func<Expr, Expr> coefficient)
    {
        if (shape.IsScalar) return coefficient(Expr.Constant(1));
        if (shape.Count > CustomDerivative.TransposedElementLimit)
            throw new NotSupportedException(
                $"{owner.Name}: transposing its rule takes one rule per element, and a tensor of shape {shape} has {shape.Count} (the limit is {CustomDerivative.TransposedElementLimit}); state the rule in the other direction.");
        Expr? sum = null;
        for (var j = 0; j < shape.Count; j++)
        {
            var unit = Expr.Constant(Unit(shape, j));
            var term = unit * coefficient(unit);
            sum = sum is null ? term : sum + term;
        }
        return sum!;
    }

    private static Expr Inner(Expr a, Expr b) => a.Shape.IsScalar && b.Shape.IsScalar ? a * b : Expr.Sum(a * b);

    private static Expr Zero(Shape shape) => shape.IsScalar ? Expr.Constant(0) : Expr.Constant(Tensor.Zeros(shape));

    /// <summary>The unit tensor with 1 at row-major position <paramref name="index"/>.</summary>
    private static Tensor Unit(Shape shape, int index)
    {
        var elements = new double[shape.Count];
        elements[index] = 1;
        return Tensor.Of(elements, shape);
    }
}
