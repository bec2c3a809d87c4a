using System.Text;
using Search.Ingestion.Normalization;

namespace Search.Indexer.Schema;

/// <summary>How exact values are normalized, the same way when indexing and when querying.</summary>
public static class Normalize
{
    /// <summary>Width-folded, trimmed, inner whitespace collapsed, lower-cased (invariant).</summary>
    public static string Exact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var folded = WellFormed(value).Normalize(NormalizationForm.FormKC).Trim();
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The forms an identifier is indexed and queried under: a DOI in the one form <see cref="Identifiers.NormalizeDoi"/>
    /// gives it, anything else <see cref="Exact"/>; and the same without hyphens, dots and spaces (ISBN 978-7-...,
    /// ISSN 1000-0054, GB/T 7714-2015).
    /// </summary>
    public static IEnumerable<string> IdentifierVariants(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var exact = Identifiers.NormalizeDoi(value) ?? Exact(value);
        if (exact.Length == 0)
        {
            yield break;
        }

        yield return exact;
        var compact = new string(exact.Where(c => c is not ('-' or ' ' or '.' or '/' or '_' or '\u2010' or '\u2013')).ToArray());
        if (compact.Length > 0 && !string.Equals(compact, exact, StringComparison.Ordinal))
        {
            yield return compact;
        }
    }

    /// <summary>
    /// The terms an identifier is indexed and queried under: its <see cref="IdentifierVariants"/>; when it is a valid
    /// ISBN, the ISBN-13 <see cref="Identifiers.NormalizeIsbn"/> gives it, so an ISBN-10 meets the ISBN-13 the catalogue
    /// holds; the key <see cref="StandardNumbers.Key"/> gives a standard number (<c>GB/T 7714—2015</c> meets
    /// <c>GB/T 7714-2015</c>); and when it is written like a patent number, the one key <see cref="Identifiers.NormalizePatentNumber"/>
    /// gives it, so an application number with or without its check digit or in CNIPA's 15-digit form
    /// (<c>201510436362.X</c>, <c>201510436362</c>, <c>102015000436362</c>) meets the others, and a publication number
    /// without its kind code meets the one with it.
    /// </summary>
    public static IEnumerable<string> IdentifierKeys(string value)
    {
        var variants = IdentifierVariants(value).ToList();
        if (variants.Count == 0)
        {
            return variants;
        }

        if (Identifiers.NormalizeIsbn(value) is { } isbn && !variants.Contains(isbn, StringComparer.Ordinal))
        {
            variants.Add(isbn);
        }

        if (StandardNumbers.Key(value) is { } standard)
        {
            var key = standard.ToLowerInvariant();
            if (!variants.Contains(key, StringComparer.Ordinal))
            {
                variants.Add(key);
            }
        }

        if (Identifiers.NormalizePatentNumber(value) is { } patent)
        {
            var key = patent.Number.ToLowerInvariant();
            if (!variants.Contains(key, StringComparer.Ordinal))
            {
                variants.Add(key);
            }
        }

        return variants;
    }

    /// <summary>The text with every unpaired surrogate replaced by U+FFFD, so normalization and analysis never fail.</summary>
    public static string WellFormed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? fixedText = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (paired)
            {
                fixedText?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                fixedText ??= new StringBuilder(value, 0, i, value.Length);
                fixedText.Append('\uFFFD');
                continue;
            }

            fixedText?.Append(c);
        }

        return fixedText?.ToString() ?? value;
    }
}
