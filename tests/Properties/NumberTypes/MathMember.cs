using System.Collections.Immutable;
using System.Numerics;

namespace FunctionalAD.Properties.NumberTypes;

/// <summary>
/// One generic-math member as a function of (x, y), written once for every number type, with a domain
/// [Low, High]² that keeps a finite-difference step away from its kinks, poles and domain edges.
/// </summary>
public sealed record MathMember(string Name, int Arity, double Low, double High, double LowY = double.NaN, double HighY = double.NaN)
    : IMultivariateFunction
{
    /// <summary>The members beyond the catalogue, each on a domain where it is smooth.</summary>
    public static readonly ImmutableArray<MathMember> All =
    [
        new("exp2", 1, -3, 3), new("exp10", 1, -1.5, 1.5), new("expm1", 1, -3, 3), new("exp2m1", 1, -3, 3), new("exp10m1", 1, -1.5, 1.5),
        new("log2", 1, 0.1, 5), new("log10", 1, 0.1, 5), new("logp1", 1, -0.8, 5), new("log2p1", 1, -0.8, 5), new("log10p1", 1, -0.8, 5),
        new("logb", 2, 0.1, 5, 1.5, 5), new("cbrt", 1, 0.1, 5), new("cbrtneg", 1, -5, -0.1), new("rootn3", 1, 0.1, 5), new("hypot", 2, 0.2, 5, -5, -0.2),
        new("sinpi", 1, -2, 2), new("cospi", 1, -2, 2), new("tanpi", 1, -0.3, 0.3), new("sincos", 1, -5, 5), new("sincospi", 1, -2, 2),
        new("asin", 1, -0.9, 0.9), new("acos", 1, -0.9, 0.9), new("atan", 1, -5, 5),
        new("asinpi", 1, -0.9, 0.9), new("acospi", 1, -0.9, 0.9), new("atanpi", 1, -5, 5),
        new("atan2", 2, 0.2, 5, -5, 5), new("atan2pi", 2, 0.2, 5, -5, 5),
        new("sinh", 1, -3, 3), new("cosh", 1, -3, 3), new("asinh", 1, -5, 5), new("acosh", 1, 1.1, 5), new("atanh", 1, -0.9, 0.9),
        new("copysign", 2, 0.1, 5, -5, -0.1), new("fma", 2, -3, 3), new("lerp", 2, -3, 3), new("scaleb", 1, -5, 5),
        new("mod", 2, 0.1, 0.9, 1.1, 3), new("remainder", 2, 0.1, 0.4, 1.1, 3), new("clamp", 1, -0.9, 0.9), new("clampedbelow", 1, -5, -1.1),
        new("maxmagnitude", 2, 0.2, 1, -5, -1.2), new("minmagnitudenumber", 2, 0.2, 1, -5, -1.2), new("maxnumber", 2, -5, -1, 0, 5),
        new("reciprocal", 1, 0.2, 5), new("pow", 2, 0.2, 3, -2, 2), new("increment", 1, -5, 5), new("sqrt", 1, 0.1, 5),
        new("floor", 1, 0.1, 0.9), new("round", 1, 1.6, 2.4), new("truncate", 1, -0.9, -0.1), new("ceiling", 1, 3.1, 3.9),
    ];

    /// <summary>The range of the second argument (the first's when not given).</summary>
    public (double Low, double High) YRange => double.IsNaN(LowY) ? (Low, High) : (LowY, HighY);

    /// <summary>Whether the member is piecewise constant (derivative zero).</summary>
    public bool IsRounding => Name is "floor" or "round" or "truncate" or "ceiling";

    /// <inheritdoc />
    public T Invoke<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => Apply(v[0], v[1]);

    /// <summary>The member at (x, y), in T's arithmetic.</summary>
    public T Apply<T>(T x, T y) where T : IFloatingPointIeee754<T> => Name switch
    {
        "exp2" => T.Exp2(x),
        "exp10" => T.Exp10(x),
        "expm1" => T.ExpM1(x),
        "exp2m1" => T.Exp2M1(x),
        "exp10m1" => T.Exp10M1(x),
        "log2" => T.Log2(x),
        "log10" => T.Log10(x),
        "logp1" => T.LogP1(x),
        "log2p1" => T.Log2P1(x),
        "log10p1" => T.Log10P1(x),
        "logb" => T.Log(x, y),
        "cbrt" or "cbrtneg" => T.Cbrt(x),
        "rootn3" => T.RootN(x, 3),
        "hypot" => T.Hypot(x, y),
        "sinpi" => T.SinPi(x),
        "cospi" => T.CosPi(x),
        "tanpi" => T.TanPi(x),
        "sincos" => T.SinCos(x) is var (s, c) ? s * T.CreateChecked(2) + c : throw new InvalidOperationException(),
        "sincospi" => T.SinCosPi(x) is var (s, c) ? s * T.CreateChecked(2) + c : throw new InvalidOperationException(),
        "asin" => T.Asin(x),
        "acos" => T.Acos(x),
        "atan" => T.Atan(x),
        "asinpi" => T.AsinPi(x),
        "acospi" => T.AcosPi(x),
        "atanpi" => T.AtanPi(x),
        "atan2" => T.Atan2(y, x),
        "atan2pi" => T.Atan2Pi(y, x),
        "sinh" => T.Sinh(x),
        "cosh" => T.Cosh(x),
        "asinh" => T.Asinh(x),
        "acosh" => T.Acosh(x),
        "atanh" => T.Atanh(x),
        "copysign" => T.CopySign(x, y) * y,
        "fma" => T.FusedMultiplyAdd(x, y, x * x),
        "lerp" => T.Lerp(x, y, x * y),
        "scaleb" => T.ScaleB(x * x, 3),
        "mod" => x % y + y * y,
        "remainder" => T.Ieee754Remainder(x, y) * y,
        "clamp" => T.Clamp(x, -T.One, T.One),
        "clampedbelow" => T.Clamp(x, -T.One, T.One) + x,
        "maxmagnitude" => T.MaxMagnitude(x, y) * x,
        "minmagnitudenumber" => T.MinMagnitudeNumber(x, y) * y,
        "maxnumber" => T.MaxNumber(x, y) * x,
        "reciprocal" => T.One / x,
        "pow" => T.Pow(x, y),
        "increment" => ++x * x,
        "sqrt" => T.Sqrt(x),
        "floor" => T.Floor(x),
        "round" => T.Round(x),
        "truncate" => T.Truncate(x),
        "ceiling" => T.Ceiling(x),
        _ => throw new InvalidOperationException($"Unknown member {Name}."),
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
