using System.Collections.Immutable;
using System.Reflection;

namespace FunctionalAD;

/// <summary>
/// A family of primitives that differ only in constant parameters, such as <see cref="Primitives.PowerOf"/> (x ^ p) or
/// <see cref="Primitives.EluOf"/>: every member has the family's name and arity and carries its parameters in
/// <see cref="Primitive.Parameters"/>. The catalogue lists them in <see cref="Primitives.Families"/>.
/// </summary>
public sealed class PrimitiveFamily
{
    private readonly MethodInfo make;

    private PrimitiveFamily(string name, int arity, ImmutableArray<string> parameterNames, MethodInfo make)
    {
        Name = name;
        Arity = arity;
        ParameterNames = parameterNames;
        this.make = make;
    }

    /// <summary>The name every member has, e.g. <c>powc</c> or <c>elu</c>.</summary>
    public string Name { get; }

    /// <summary>The number of (differentiable) arguments of every member.</summary>
    public int Arity { get; }

    /// <summary>The names of the constant parameters, in order, e.g. <c>min, max</c> for clamp.</summary>
    public ImmutableArray<string> ParameterNames { get; }

    /// <summary>The member with the given parameters.</summary>
    /// <param name="parameters">One value per name of <see cref="ParameterNames"/>.</param>
    /// <exception cref="ArgumentException">The count is wrong, or the family refuses the values (e.g. clamp with lo &gt; hi).</exception>
    public Primitive Make(params ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != ParameterNames.Length)
            throw new ArgumentException(
                $"'{Name}' takes {ParameterNames.Length} parameter(s) ({string.Join(", ", ParameterNames)}), not {parameters.Length}.",
                nameof(parameters));
        var arguments = new object[parameters.Length];
        for (var i = 0; i < parameters.Length; i++) arguments[i] = parameters[i];
        try
        {
            return (Primitive)make.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw new ArgumentException(inner.Message, nameof(parameters), inner);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}[{string.Join(", ", ParameterNames)}]";

    /// <summary>The family made by a public static factory of <see cref="Primitives"/> (named after a member made with zeros).</summary>
    internal static PrimitiveFamily From(MethodInfo factory)
    {
        var parameters = factory.GetParameters();
        var sample = (Primitive)factory.Invoke(null, [.. parameters.Select(_ => (object)0.0)])!;
        return new(sample.Name, sample.Arity, [.. parameters.Select(p => p.Name!)], factory);
    }
}
