namespace FunctionalAD.Properties;

/// <summary>The numbers of bindings or a gradient whose values are all scalars, for tests that compare them as numbers.</summary>
internal static class NamedNumbers
{
    /// <summary>Every value as a number, in name order; throws (naming the shape) for a value that is not a scalar.</summary>
    public static double[] Numbers(this NamedValues values) => [.. values.Names.Select(values.Scalar)];
}
