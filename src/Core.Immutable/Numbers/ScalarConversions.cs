using System.Diagnostics.CodeAnalysis;

namespace FunctionalAD;

/// <summary>
/// What the AD number types share of .NET's conversion and formatting members: both convert through their scalar
/// (a number converted in becomes a constant, a number converted out is its value) and format through a string.
/// </summary>
internal static class ScalarConversions
{
    /// <summary>
    /// <paramref name="value"/> as a <typeparamref name="TTarget"/>: itself when it already is one, else what
    /// <paramref name="create"/> makes of it; false where the conversion is not supported.
    /// </summary>
    public static bool TryConvert<TSource, TTarget>(TSource value, Func<TSource, TTarget> create, [MaybeNullWhen(false)] out TTarget result)
    {
        if (value is TTarget same)
        {
            result = same;
            return true;
        }
        try
        {
            result = create(value);
            return true;
        }
        catch (NotSupportedException)
        {
            result = default;
            return false;
        }
    }

    /// <summary>Copies <paramref name="text"/> into <paramref name="destination"/> if it fits (the ISpanFormattable contract).</summary>
    public static bool TryCopy(string text, Span<char> destination, out int charsWritten)
    {
        if (text.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }
        text.CopyTo(destination);
        charsWritten = text.Length;
        return true;
    }
}
