using System.Text;
using System.Text.RegularExpressions;

namespace Search.Ingestion.Normalization;

/// <summary>Validation and canonical forms of DOIs, ISBNs and ISSNs. Each returns null when the value is not valid.</summary>
public static partial class Identifiers
{
    private static readonly string[] DoiPrefixes =
    [
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
        "doi.org/", "dx.doi.org/", "info:doi/", "urn:doi:", "doi:",
    ];

    /// <summary>
    /// "DOI: 10.1000/ABC", "https://doi.org/10.1000/abc", "http://dx.doi.org/10.1000%2Fabc" -> "10.1000/abc":
    /// resolver and scheme prefixes removed, URL escapes decoded, lower-cased, checked against 10.NNNN/suffix.
    /// </summary>
    public static string? NormalizeDoi(string? value)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All);
        if (text.Length == 0)
        {
            return null;
        }

        var fromUrl = false;
        bool stripped;
        do
        {
            stripped = false;
            foreach (var prefix in DoiPrefixes)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    fromUrl |= prefix.Contains('/', StringComparison.Ordinal) && !prefix.StartsWith("info:", StringComparison.Ordinal);
                    text = text[prefix.Length..].TrimStart();
                    stripped = true;
                }
            }
        }
        while (stripped);

        if (fromUrl || text.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                text = Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                return null;
            }
        }

        text = text.ToLowerInvariant();
        return DoiPattern().IsMatch(text) ? text : null;
    }

    /// <summary>
    /// ISBN-10 or ISBN-13 with hyphens, spaces, an "ISBN" label or a trailing qualifier ("(pbk.)") ->
    /// the 13 digits, after checking the check digit. ISBN-10s are converted to 978 ISBN-13s.
    /// </summary>
    public static string? NormalizeIsbn(string? value)
    {
        var compact = CompactNumber(value, "ISBN", 13);
        if (compact is null)
        {
            return null;
        }

        if (compact.Length == 10)
        {
            if (!IsValidIsbn10(compact))
            {
                return null;
            }

            var body = "978" + compact[..9];
            return body + Isbn13CheckDigit(body);
        }

        if (compact.Length == 13 && (compact.StartsWith("978", StringComparison.Ordinal) || compact.StartsWith("979", StringComparison.Ordinal))
            && !compact.Contains('X', StringComparison.Ordinal)
            && Isbn13CheckDigit(compact[..12]) == compact[12])
        {
            return compact;
        }

        return null;
    }

    /// <summary>"ISSN 0378-5955", "03785955", "1050-124x" -> "0378-5955" / "1050-124X", after checking the check digit.</summary>
    public static string? NormalizeIssn(string? value)
    {
        var compact = CompactNumber(value, "ISSN", 8);
        if (compact is not { Length: 8 } || compact[..7].Contains('X', StringComparison.Ordinal))
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (compact[i] - '0') * (8 - i);
        }

        var check = (11 - (sum % 11)) % 11;
        var expected = check == 10 ? 'X' : (char)('0' + check);
        return compact[7] == expected ? compact[..4] + "-" + compact[4..] : null;
    }

    /// <summary>True when the value is written like an ISBN (labelled, hyphenated, or 13 digits from 978/979), not just any ten digits.</summary>
    public static bool LooksLikeIsbn(string? value)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All);
        return text.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("urn:isbn:", StringComparison.OrdinalIgnoreCase)
            || IsbnShape().IsMatch(text);
    }

    /// <summary>True when the value is labelled ISSN or written NNNN-NNNC.</summary>
    public static bool LooksLikeIssn(string? value)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All);
        return text.StartsWith("ISSN", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("urn:issn:", StringComparison.OrdinalIgnoreCase)
            || IssnShape().IsMatch(text);
    }

    private static bool IsValidIsbn10(string compact)
    {
        if (compact[..9].Contains('X', StringComparison.Ordinal))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var digit = compact[i] == 'X' ? 10 : compact[i] - '0';
            sum += digit * (10 - i);
        }

        return sum % 11 == 0;
    }

    private static char Isbn13CheckDigit(string first12)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (first12[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>
    /// Takes the label off, then the leading run of digits, X, hyphens and spaces; returns its digits and X
    /// (upper case), or null when that run is longer than <paramref name="maxDigits"/> or contains nothing.
    /// </summary>
    private static string? CompactNumber(string? value, string label, int maxDigits)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All);
        if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        if (text.StartsWith(label, StringComparison.OrdinalIgnoreCase))
        {
            text = text[label.Length..];
            if (text.StartsWith("-13", StringComparison.Ordinal) || text.StartsWith("-10", StringComparison.Ordinal))
            {
                text = text[3..];
            }

            text = text.TrimStart(' ', ':');
        }

        var digits = new StringBuilder(maxDigits);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c is 'X' or 'x')
            {
                digits.Append(char.ToUpperInvariant(c));
            }
            else if (c is not '-' and not ' ')
            {
                break;
            }

            if (digits.Length > maxDigits)
            {
                return null;
            }
        }

        return digits.Length == 0 ? null : digits.ToString();
    }

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex DoiPattern();

    [GeneratedRegex(@"^(97[89][- ]?)?\d{1,5}[- ]\d{1,7}[- ]\d{1,7}[- ][\dXx](\s|$)|^97[89]\d{10}(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex IsbnShape();

    [GeneratedRegex(@"^\d{4}-\d{3}[\dXx]$", RegexOptions.CultureInvariant)]
    private static partial Regex IssnShape();
}
