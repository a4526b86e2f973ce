using System.Numerics;

namespace FunctionalAD;

/// <summary>
/// Perturbation confusion at the single level, <c>Dual&lt;double&gt;</c>, whose arithmetic carries no tags. Two
/// perturbations can meet there only when a derivative call runs inside another one and its function uses the outer
/// call's numbers. So each derivative call at this level counts itself on its thread; a nested one first evaluates
/// its function with a zero seed, where every tangent must stay an exact zero (the tangent is linear in the seed),
/// and one that moves is the outer perturbation leaking in: reported, never summed. Deeper levels keep their tags.
/// </summary>
internal static class SingleLevel
{
    [ThreadStatic]
    private static int running;

    /// <summary>Whether derivative calls over <c>Dual&lt;T&gt;</c> are tag-free (T is <see cref="double"/>).</summary>
    public static bool Applies<T>() => typeof(T) == typeof(double);

    /// <summary>Counts a derivative call as running on this thread; true when another one already runs (nesting).</summary>
    public static bool Enter() => running++ > 0;

    /// <summary>Ends what <see cref="Enter"/> began.</summary>
    public static void Exit() => running--;

    /// <summary>Reports perturbation confusion unless a zero-seed probe's tangent is an exact zero.</summary>
    /// <param name="tangent">The tangent of the function evaluated with every seed tangent zero.</param>
    public static void RequireStill<T>(T tangent) where T : INumberBase<T>
    {
        if (!StrongZero.Is(tangent)) Dual<double>.ThrowConfusion();
    }
}
