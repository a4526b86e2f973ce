namespace FunctionalAD;

/// <summary>
/// The value of <c>FUNCTIONALAD_BLAS</c>: <see cref="Auto"/> (unset, empty or <c>auto</c>), <see cref="Managed"/>,
/// <see cref="Native"/>, or a path to a library (<see cref="Library"/>). Keywords ignore case and surrounding spaces.
/// </summary>
/// <param name="Kind">Which choice.</param>
/// <param name="Library">The path, for <see cref="BlasSettingKind.Path"/>; null otherwise.</param>
internal sealed record BlasSetting(BlasSettingKind Kind, string? Library = null)
{
    public static readonly BlasSetting Auto = new(BlasSettingKind.Auto);
    public static readonly BlasSetting Managed = new(BlasSettingKind.Managed);
    public static readonly BlasSetting Native = new(BlasSettingKind.Native);

    /// <summary>Parses a setting; anything that is neither a keyword nor looks like a path to a library is an error.</summary>
    /// <exception cref="ArgumentException">The value is not <c>auto</c>, <c>managed</c>, <c>native</c> or a library path.</exception>
    public static BlasSetting Parse(string? value)
    {
        var text = value?.Trim() ?? "";
        switch (text.ToLowerInvariant())
        {
            case "" or "auto": return Auto;
            case "managed": return Managed;
            case "native": return Native;
        }
        return LooksLikeLibrary(text)
            ? new BlasSetting(BlasSettingKind.Path, text)
            : throw new ArgumentException(
                $"{LinearAlgebra.EnvironmentVariable}='{text}' is not a known setting: use auto (the default), managed, native, or the path to a BLAS library that exports cblas_dgemm and cblas_dgemv.");
    }

    private static bool LooksLikeLibrary(string text) =>
        text.Contains('/') || text.Contains('\\')
        || text.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".dylib", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith(".so", StringComparison.Ordinal) || text.Contains(".so.", StringComparison.Ordinal);
}

/// <summary>The kinds of <see cref="BlasSetting"/>.</summary>
internal enum BlasSettingKind
{
    Auto,
    Managed,
    Native,
    Path,
}
