using System.Text;
using System.Text.RegularExpressions;

namespace Search.Ingestion.Normalization;

/// <summary>
/// Validation and canonical forms of DOIs, ISBNs, ISSNs and patent numbers, for merge keys, the index and
/// queries alike. Each returns null when the value is not valid.
/// </summary>
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

    /// <summary>A patent number with its country and without separators, kind code and check digit.</summary>
    /// <param name="Number">"CN102345678" (publication) or "CN201010123456" (application).</param>
    /// <param name="KindCode">"A", "B1", ... when given.</param>
    /// <param name="IsApplication">True for an application number.</param>
    public sealed record PatentNumber(string Number, string? KindCode, bool IsApplication);

    /// <summary>
    /// "CN 102345678 A", "CN102345678A", "cn-102345678-a" -> CN102345678 (kind A); "ZL201010123456.7",
    /// "CN201010123456.7", "申请号 201010123456.7", "2010101234567" (check digit without its dot) and the CNIPA
    /// 15-digit standard form "102010000123456" -> application CN201010123456; "EP19883405.3" -> application
    /// EP19883405; "US 7,654,321 B2" -> US7654321. Numbers without a country are taken as Chinese. Null when no
    /// number is found.
    /// </summary>
    public static PatentNumber? NormalizePatentNumber(string? value)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All).ToUpperInvariant();
        var match = PatentPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var country = match.Groups["country"].Value;
        var digits = new string(match.Groups["number"].Value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 5)
        {
            return null;
        }

        var hasCheckDigit = match.Groups["check"].Success;
        var isChinese = country is "" or "CN" or "ZL";
        if (isChinese && !hasCheckDigit && ChineseApplicationOfStandardForm(digits) is { } application)
        {
            digits = application;
            hasCheckDigit = true;
        }
        else if (isChinese && !hasCheckDigit && digits.Length == 13 && ChineseCheckDigit(digits[..12]) == digits[12])
        {
            digits = digits[..12];
            hasCheckDigit = true;
        }

        var isApplication = country == "ZL" || hasCheckDigit || (isChinese && digits.Length >= 12);
        if (isChinese)
        {
            country = "CN";
        }

        var kind = match.Groups["kind"].Success ? match.Groups["kind"].Value : null;
        return new PatentNumber(country + digits, isApplication ? null : kind, isApplication);
    }

    /// <summary>
    /// The 12-digit application number (year, type, serial) of a CNIPA 15-digit standard one (type, year, serial):
    /// <c>102015000436362</c> -> <c>201510436362</c>, <c>112021000002433</c> -> <c>202180002433</c> (PCT). Null for other digits.
    /// </summary>
    private static string? ChineseApplicationOfStandardForm(string digits)
    {
        if (digits.Length != 15 || digits[6] != '0' || digits[7] != '0' || digits[2..4] is not ("19" or "20"))
        {
            return null;
        }

        char? type = digits[..2] switch
        {
            "10" => '1', // invention
            "20" => '2', // utility model
            "30" => '3', // design
            "11" => '8', // PCT invention entering China
            "21" => '9', // PCT utility model entering China
            _ => null,
        };
        return type is { } t ? digits[2..6] + t + digits[8..] : null;
    }

    /// <summary>The check digit of a Chinese application number (weights 2..9 then 2.., sum mod 11, 10 as X).</summary>
    private static char ChineseCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits[i] - '0') * (2 + (i % 8));
        }

        var check = sum % 11;
        return check == 10 ? 'X' : (char)('0' + check);
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

    [GeneratedRegex(@"(?<country>ZL|[A-Z]{2})?[\s\-]*(?<number>\d[\d\s,\-]*\d)(?:\.(?<check>[\dX]))?[\s\-]*(?<kind>[A-Z]\d?)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex PatentPattern();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex DoiPattern();

    [GeneratedRegex(@"^(97[89][- ]?)?\d{1,5}[- ]\d{1,7}[- ]\d{1,7}[- ][\dXx](\s|$)|^97[89]\d{10}(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex IsbnShape();

    [GeneratedRegex(@"^\d{4}-\d{3}[\dXx]$", RegexOptions.CultureInvariant)]
    private static partial Regex IssnShape();
}
