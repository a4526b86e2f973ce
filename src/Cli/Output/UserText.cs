using System.Globalization;
using System.Text;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// Text the user gave (file names, CSV headers and cells, names, expressions, option values) as the tool echoes it
/// in a message: every control character — C0 and C1 controls, DEL, line and paragraph separators, and the bidi
/// controls that reorder what a terminal shows — is written as its escape (<c>\u001b</c>), so that input can never
/// move the cursor, ring the bell or disguise a message; and input longer than <see cref="MaxLength"/> characters is
/// cut there with <c>…</c> and its length.
/// </summary>
internal static class UserText
{
    /// <summary>The most characters of one piece of input a message echoes.</summary>
    public const int MaxLength = 80;

    /// <summary><paramref name="text"/> with its control characters escaped, cut at <see cref="MaxLength"/> characters.</summary>
    public static string Shown(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.Length <= MaxLength) return Escaped(text);
        // Cut between characters, never inside a surrogate pair.
        var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return $"{Escaped(text[..cut])}… ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";
    }

    /// <summary><paramref name="text"/> with its control characters escaped, whatever its length (for whole messages).</summary>
    public static string Escaped(string text)
    {
        var i = 0;
        while (i < text.Length && !MustEscape(text, i)) i++;
        if (i == text.Length) return text;
        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            if (MustEscape(text, i)) escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:x4}");
            else escaped.Append(text[i]);
        }
        return escaped.ToString();
    }

    /// <summary>Whether the character at <paramref name="index"/> must not reach a terminal as it is.</summary>
    private static bool MustEscape(string text, int index)
    {
        var c = text[index];
        if (char.IsControl(c)) return true; // C0, DEL and C1
        if (c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069')) return true; // bidi
        if (c is '\u2028' or '\u2029') return true; // line and paragraph separators
        // A lone surrogate is no character: shown as its code, it cannot garble the terminal's decoding.
        if (char.IsHighSurrogate(c)) return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        if (char.IsLowSurrogate(c)) return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        return false;
    }
}
