using System.Text;

namespace Search.Connectors.Patents;

/// <summary>
/// Patent document numbers in one form: country code, the number without separators or padding zeros, kind
/// code: <c>US</c> + <c>07272630</c> + <c>B2</c> = <c>US7272630B2</c>; <c>2007/0140112</c> becomes
/// <c>20070140112</c>. Used for the partner's record id (by the connector) and the identifiers (by the mapper).
/// </summary>
public static class PatentNumbers
{
    /// <summary>
    /// The number in one form, or null when there is no number; unknown country or kind are left out. Leading
    /// zeros pad publication numbers and are dropped; application numbers keep them (<c>09777392</c>: series 09).
    /// </summary>
    public static string? Normalize(string? country, string? number, string? kind, bool trimLeadingZeros = true)
    {
        var cleaned = Clean(number, int.MaxValue);
        var core = trimLeadingZeros ? cleaned.TrimStart('0') : cleaned;
        if (core.Trim('0').Length == 0)
        {
            return null;
        }

        var countryCode = Clean(country, 2);
        var kindCode = Clean(kind, 2);
        if (countryCode.Length > 0 && core.Length > countryCode.Length + 1 && core.StartsWith(countryCode, StringComparison.Ordinal)
            && char.IsAsciiDigit(core[countryCode.Length]))
        {
            core = trimLeadingZeros ? core[countryCode.Length..].TrimStart('0') : core[countryCode.Length..];
        }

        if (kindCode.Length > 0 && core.Length > kindCode.Length + 1 && core.EndsWith(kindCode, StringComparison.Ordinal))
        {
            core = core[..^kindCode.Length];
        }

        return countryCode + core + kindCode;
    }

    /// <summary>
    /// An application number with its country, as the office writes it: <c>CN201510436362.X</c>,
    /// <c>EP19883405.3</c>, <c>CN102015000436362</c>. Separators go, leading zeros and a check digit after its dot stay.
    /// </summary>
    public static string? Application(string? country, string? number)
    {
        var text = number?.Trim() ?? string.Empty;
        string? check = null;
        if (text.Length > 2 && text[^2] == '.' && char.IsAsciiLetterOrDigit(text[^1]))
        {
            check = char.ToUpperInvariant(text[^1]).ToString();
            text = text[..^2];
        }

        var core = Normalize(country, text, null, trimLeadingZeros: false);
        return core is null || check is null ? core : core + "." + check;
    }

    /// <summary>ASCII letters and digits only, upper case (full-width forms folded); empty when longer than <paramref name="max"/>.</summary>
    private static string Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.Length <= max ? builder.ToString() : string.Empty;
    }
}
