using System.Globalization;
using System.Text.Json;

namespace FunctionalAD;

/// <summary>
/// Doubles in FunctionalAD documents: a finite number as a JSON number in round-trip ("R") format, so it
/// reads back bit for bit (−0 included); a non-finite one, where allowed, as a string: <c>"NaN"</c>,
/// <c>"Infinity"</c>, <c>"-Infinity"</c>, or <c>"NaN:7FF8000000000001"</c> (the bits in hex) for a NaN whose
/// bits differ from <see cref="double.NaN"/>'s, so that even NaN payloads survive.
/// </summary>
internal static class JsonNumbers
{
    private const string NaNWithBits = "NaN:";

    public static void Write(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
            writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        else
            writer.WriteStringValue(Special(value));
    }

    public static string Special(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ when BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(double.NaN) => "NaN",
        _ => NaNWithBits + BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture),
    };

    /// <summary>The non-finite value a string names, or null when it names none.</summary>
    public static double? ParseSpecial(string text)
    {
        switch (text)
        {
            case "NaN": return double.NaN;
            case "Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }
        if (text.Length == NaNWithBits.Length + 16 && text.StartsWith(NaNWithBits, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(NaNWithBits.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
        {
            var value = BitConverter.Int64BitsToDouble(bits);
            if (double.IsNaN(value)) return value;
        }
        return null;
    }
}
