using System.Text.Json;

namespace Search.Connectors.Marc;

/// <summary>Which MARC a source sends.</summary>
public enum MarcFlavour
{
    /// <summary>UNIMARC when the record has a 200 field and no 245, else MARC 21.</summary>
    Auto,
    Marc21,
    Unimarc,
}

/// <summary>
/// The MARC options of a source's settings, shared by the file readers and the SRU connector:
/// <c>"marcFlavour": "auto" | "marc21" | "unimarc"</c> and, for ISO 2709, <c>"encoding": "auto" | "utf-8" | "marc-8" | "gb18030"</c>.
/// </summary>
public sealed record MarcSourceSettings(MarcFlavour Flavour, MarcEncoding Encoding)
{
    /// <summary>The metadata format of UNIMARC (and CNMARC) records written as MARCXML.</summary>
    public const string UnimarcFormat = "unimarc";

    public static MarcSourceSettings Default { get; } = new(MarcFlavour.Auto, MarcEncoding.Auto);

    /// <summary>Reads the options; unknown values are reported in <paramref name="problems"/>.</summary>
    public static MarcSourceSettings Read(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (settings.ValueKind != JsonValueKind.Object)
        {
            return Default;
        }

        var flavour = MarcFlavour.Auto;
        if (settings.TryGetProperty("marcFlavour", out var f) && f.ValueKind == JsonValueKind.String)
        {
            switch (f.GetString()!.Trim().ToUpperInvariant())
            {
                case "" or "AUTO":
                    break;
                case "MARC21":
                    flavour = MarcFlavour.Marc21;
                    break;
                case "UNIMARC" or "CNMARC":
                    flavour = MarcFlavour.Unimarc;
                    break;
                default:
                    problems.Add($"'marcFlavour' must be \"auto\", \"marc21\" or \"unimarc\"; '{f.GetString()}' is not.");
                    break;
            }
        }

        var encoding = MarcEncoding.Auto;
        if (settings.TryGetProperty("encoding", out var e) && e.ValueKind == JsonValueKind.String)
        {
            switch (e.GetString()!.Trim().ToUpperInvariant().Replace("-", string.Empty, StringComparison.Ordinal))
            {
                case "" or "AUTO":
                    break;
                case "UTF8":
                    encoding = MarcEncoding.Utf8;
                    break;
                case "MARC8":
                    encoding = MarcEncoding.Marc8;
                    break;
                case "GB18030" or "GBK" or "GB2312":
                    encoding = MarcEncoding.Gb18030;
                    break;
                default:
                    problems.Add($"'encoding' must be \"auto\", \"utf-8\", \"marc-8\" or \"gb18030\"; '{e.GetString()}' is not.");
                    break;
            }
        }

        return new MarcSourceSettings(flavour, encoding);
    }

    /// <summary>The metadata format for a record with these tags: <c>marcxml</c> (MARC 21) or <c>unimarc</c>.</summary>
    public string FormatFor(IEnumerable<string> tags)
    {
        if (Flavour == MarcFlavour.Marc21)
        {
            return Harvesting.MetadataFormats.MarcXml;
        }

        if (Flavour == MarcFlavour.Unimarc)
        {
            return UnimarcFormat;
        }

        var list = tags as ICollection<string> ?? [.. tags];
        return list.Contains("200") && !list.Contains("245") ? UnimarcFormat : Harvesting.MetadataFormats.MarcXml;
    }
}
