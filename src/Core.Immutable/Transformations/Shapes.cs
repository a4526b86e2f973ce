namespace FunctionalAD;

/// <summary>The dimension checks shared by the transformations on functions: each names the operation and both sizes.</summary>
internal static class Shapes
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the two lengths agree.</summary>
    public static void RequireSameLength(int expected, int actual, string operation, string expectedName, string actualName)
    {
        if (expected != actual)
            throw new ArgumentException(
                $"{operation}: the {actualName} has {actual} components but the {expectedName} has {expected}.", actualName);
    }
}
