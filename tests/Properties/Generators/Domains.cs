using System.Collections.Immutable;

namespace FunctionalAD.Properties.Generators;

/// <summary>
/// Where each primitive may be applied in a generated graph, so that both finite differences and the
/// analytic rules are meaningful there. A candidate application is rejected when its arguments fall
/// outside its primitive's domain, its value is large, or one of its local partials is large.
/// </summary>
/// <remarks>
/// Margins, and why they are enough: every node's absolute sensitivity Σᵢ |∂node/∂xᵢ|·max(1, |xᵢ|) is kept
/// ≤ <see cref="MaxSensitivity"/>, and a finite-difference step is hᵢ = 1e-6·max(1, |xᵢ|) (2hᵢ at most, with
/// the Richardson step); so, to first order, a step moves any argument by at most 2e-3, well inside the 0.05
/// kept from kinks and the 0.1 kept from the edges of log, sqrt, pow and division: no step crosses a kink or
/// leaves a domain.
/// </remarks>
public static class Domains
{
    /// <summary>Bound on every node's |value|.</summary>
    public const double MaxValue = 100;

    /// <summary>Bound on every local partial |∂ output / ∂ argument|.</summary>
    public const double MaxPartial = 100;

    /// <summary>Bound on every node's absolute sensitivity to the inputs (see the remarks).</summary>
    public const double MaxSensitivity = 1000;

    /// <summary>Minimum distance of a kink's argument from the kink (relu, abs at 0; min, max at x = y).</summary>
    public const double KinkMargin = 0.05;

    /// <summary>Minimum for a log, sqrt or pow base, and for |divisor|.</summary>
    public const double EdgeMargin = 0.1;

    private static readonly Dictionary<string, Func<double, double, bool>> ArgumentDomains = new()
    {
        ["div"] = (_, y) => Math.Abs(y) >= EdgeMargin,
        ["pow"] = (x, _) => x >= EdgeMargin,
        ["powc"] = (x, _) => x >= EdgeMargin,
        ["log"] = (x, _) => x >= EdgeMargin,
        ["sqrt"] = (x, _) => x >= EdgeMargin,
        ["exp"] = (x, _) => x <= 3,
        ["tan"] = (x, _) => Math.Abs(Math.Cos(x)) >= 0.2,
        ["relu"] = (x, _) => Math.Abs(x) >= KinkMargin,
        ["abs"] = (x, _) => Math.Abs(x) >= KinkMargin,
        ["min"] = (x, y) => Math.Abs(x - y) >= KinkMargin,
        ["max"] = (x, y) => Math.Abs(x - y) >= KinkMargin,
        ["asin"] = (x, _) => Math.Abs(x) <= 1 - EdgeMargin,
        ["acos"] = (x, _) => Math.Abs(x) <= 1 - EdgeMargin,
        ["acosh"] = (x, _) => x >= 1 + EdgeMargin,
        ["atanh"] = (x, _) => Math.Abs(x) <= 1 - EdgeMargin,
        ["atan2"] = (y, x) => x >= EdgeMargin || Math.Abs(y) >= EdgeMargin, // off the origin and the jump along x < 0
        ["log1p"] = (x, _) => x >= -1 + EdgeMargin,
        ["log2"] = (x, _) => x >= EdgeMargin,
        ["cbrt"] = (x, _) => Math.Abs(x) >= EdgeMargin,
        ["hypot"] = (x, y) => Math.Abs(x) + Math.Abs(y) >= EdgeMargin,
        ["elu"] = (x, _) => Math.Abs(x) >= KinkMargin,
        ["leaky_relu"] = (x, _) => Math.Abs(x) >= KinkMargin,
        ["sign"] = (x, _) => Math.Abs(x) >= KinkMargin,
        ["floor"] = (x, _) => Math.Abs(x - Math.Round(x)) >= KinkMargin,
        ["round"] = (x, _) => Math.Abs(Math.Abs(x - Math.Floor(x)) - 0.5) >= KinkMargin,
    };

    // Kinks that sit at a family member's parameters.
    private static readonly Dictionary<string, Func<double, ImmutableArray<double>, bool>> ParameterDomains = new()
    {
        ["clamp"] = (x, p) => Math.Abs(x - p[0]) >= KinkMargin && Math.Abs(x - p[1]) >= KinkMargin,
    };

    /// <summary>
    /// The library's own primitive with the same identity (name, arity, parameters) as
    /// <paramref name="primitive"/>. A mutant keeps its original's identity, so domains, partials used for
    /// tolerance scales and admission are always judged with the correct rules, never the mutated ones.
    /// </summary>
    public static Primitive Reference(Primitive primitive) =>
        Primitives.All.FirstOrDefault(primitive.Equals)
        ?? Primitives.Families.FirstOrDefault(f => f.Name == primitive.Name)?.Make(primitive.Parameters.AsSpan())
        ?? primitive;

    /// <summary>The local partials (∂/∂first, ∂/∂second) of the reference rule, from its JVP with unit tangents.</summary>
    public static (double First, double Second) Partials(Primitive primitive, double x, double y, double output)
    {
        var rule = Reference(primitive);
        return rule.Arity == 1
            ? (rule.Jvp(x, y, output, 1, 0), 0)
            : (rule.Jvp(x, y, output, 1, 0), rule.Jvp(x, y, output, 0, 1));
    }

    /// <summary>Whether applying <paramref name="primitive"/> to argument values x, y is inside its domain.</summary>
    public static bool Admits(Primitive primitive, double x, double y)
    {
        var rule = Reference(primitive);
        if (ArgumentDomains.TryGetValue(rule.Name, out var inside) && !inside(x, rule.Arity == 2 ? y : 0)) return false;
        if (ParameterDomains.TryGetValue(rule.Name, out var away) && !away(x, rule.Parameters)) return false;
        var z = rule.Value(x, y);
        if (!double.IsFinite(z) || Math.Abs(z) > MaxValue) return false;
        var (px, py) = Partials(primitive, x, y, z);
        return double.IsFinite(px) && double.IsFinite(py) && Math.Abs(px) <= MaxPartial && Math.Abs(py) <= MaxPartial;
    }
}
