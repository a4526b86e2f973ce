using System.Collections.Immutable;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// A primitive whose forward and reverse rules come from two ordinary elementwise descriptors (<see cref="Forward"/>,
/// <see cref="Reverse"/>), one of them stating a wrong derivative, with the name, value, shape rule and gradient graph of
/// <see cref="Original"/>. It is of its own kind, so it equals no catalogue primitive, and it has no scalar statements,
/// so graphs that apply it run on the general sweeps, which ask it for each rule.
/// </summary>
public sealed class MutantPrimitive : Primitive
{
    internal MutantPrimitive(Primitive original, Primitive forward, Primitive reverse)
    {
        Original = (ElementwisePrimitive)original;
        Forward = (ElementwisePrimitive)forward;
        Reverse = (ElementwisePrimitive)reverse;
    }

    /// <summary>The right primitive.</summary>
    public Primitive Original { get; }

    /// <summary>The descriptor whose value and JVP this primitive applies.</summary>
    public Primitive Forward { get; }

    /// <summary>The descriptor whose VJP this primitive applies.</summary>
    public Primitive Reverse { get; }

    public override string Name => Original.Name;
    public override int Arity => Original.Arity;
    public override Notation Notation => Original.Notation;
    public override string Symbol => Original.Symbol;
    public override int Precedence => Original.Precedence;
    public override ImmutableArray<double> Parameters => Original.Parameters;

    internal override Shape OutputShape(ReadOnlySpan<Shape> arguments) => Original.OutputShape(arguments);

    internal override Tensor Value(ReadOnlySpan<Tensor> arguments, Shape shape) => Forward.Value(arguments, shape);

    internal override Tensor? Jvp(ReadOnlySpan<Tensor> arguments, Tensor output, ReadOnlySpan<Tensor?> tangents) =>
        Forward.Jvp(arguments, output, tangents);

    internal override void Vjp(ReadOnlySpan<Tensor> arguments, Tensor output, Tensor cotangent, ReadOnlySpan<bool> wanted, Span<Tensor?> cotangents) =>
        Reverse.Vjp(arguments, output, cotangent, wanted, cotangents);

    internal override void VjpGraph(ReadOnlySpan<Expr> arguments, Expr output, Expr cotangent, Span<Expr?> cotangents) =>
        Original.VjpGraph(arguments, output, cotangent, cotangents);
}
