using Microsoft.Extensions.Options;
using Search.Api.Entitlement;
using Search.Api.Sru;
using Search.Ingestion.Storage;

namespace Search.Api.Oai;

/// <summary>
/// The six verbs over the catalogue's works. An item is a merged work (<c>oai:&lt;repositoryIdentifier&gt;:&lt;work id&gt;</c>)
/// with all its holdings; its datestamp and sets come from <see cref="WorkStamps"/>, which keeps a work that left the
/// catalogue as a deleted record for ever. Lists page by (datestamp, work id) after the cursor their resumption
/// token carries. A harvester is anonymous: full-text links only where an anonymous visitor may follow them.
/// </summary>
public sealed class OaiProvider(
    CatalogStore store,
    AccessDecider decider,
    ResumptionTokens tokens,
    TimeProvider time,
    IOptions<OaiOptions> options)
{
    private OaiOptions Settings => options.Value;

    private string Prefix => "oai:" + Settings.RepositoryIdentifier + ":";

    public async Task IdentifyAsync(OaiDocument document, string baseUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var w = document.Writer;
        const string ns = OaiDocument.Namespace;
        var earliest = await store.Stamps.EarliestAsync(ct) ?? time.GetUtcNow();
        w.WriteStartElement("Identify", ns);
        w.Element("repositoryName", ns, Settings.RepositoryName);
        w.Element("baseURL", ns, baseUrl);
        w.Element("protocolVersion", ns, "2.0");
        w.Element("adminEmail", ns, Settings.AdminEmail);
        w.Element("earliestDatestamp", ns, OaiDate.Format(earliest));
        w.Element("deletedRecord", ns, "persistent");
        w.Element("granularity", ns, "YYYY-MM-DDThh:mm:ssZ");
        w.WriteStartElement("description", ns);
        const string id = "http://www.openarchives.org/OAI/2.0/oai-identifier";
        w.WriteStartElement("oai-identifier", id);
        w.WriteAttributeString("xsi", "schemaLocation", OaiDocument.XsiNamespace, id + " http://www.openarchives.org/OAI/2.0/oai-identifier.xsd");
        w.Element("scheme", id, "oai");
        w.Element("repositoryIdentifier", id, Settings.RepositoryIdentifier);
        w.Element("delimiter", id, ":");
        w.Element("sampleIdentifier", id, Prefix + "r0123456789abcdef0123");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    public async Task ListMetadataFormatsAsync(OaiDocument document, string? identifier, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (identifier is not null)
        {
            var stamp = await StampAsync(identifier, ct);
            if (stamp.Deleted)
            {
                throw new OaiErrorException(OaiError.NoMetadataFormats(identifier));
            }
        }

        var w = document.Writer;
        const string ns = OaiDocument.Namespace;
        w.WriteStartElement("ListMetadataFormats", ns);
        foreach (var format in OaiFormats.All)
        {
            w.WriteStartElement("metadataFormat", ns);
            w.Element("metadataPrefix", ns, format.Prefix);
            w.Element("schema", ns, format.Schema);
            w.Element("metadataNamespace", ns, format.MetadataNamespace);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public async Task ListSetsAsync(OaiDocument document, string? resumptionToken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (resumptionToken is not null)
        {
            throw new OaiErrorException(OaiError.BadResumptionToken("ListSets answers in one response: it issues no resumption tokens."));
        }

        var sets = OaiSets.List(await store.ListSourcesAsync(ct));
        var w = document.Writer;
        const string ns = OaiDocument.Namespace;
        w.WriteStartElement("ListSets", ns);
        foreach (var set in sets)
        {
            w.WriteStartElement("set", ns);
            w.Element("setSpec", ns, set.Spec);
            w.Element("setName", ns, set.Name);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public async Task GetRecordAsync(OaiDocument document, string identifier, string metadataPrefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var format = OaiFormats.Find(metadataPrefix);
        var stamp = await StampAsync(identifier, ct);
        var records = await RecordsAsync([stamp], ct);
        document.Writer.WriteStartElement("GetRecord", OaiDocument.Namespace);
        WriteRecord(document, stamp, format, records);
        document.Writer.WriteEndElement();
    }

    /// <summary>ListIdentifiers (<paramref name="withMetadata"/> false) or ListRecords, from the arguments or from a resumption token.</summary>
    public async Task ListAsync(OaiDocument document, OaiArguments arguments, bool withMetadata, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(arguments);
        var verb = withMetadata ? "ListRecords" : "ListIdentifiers";
        var resumed = arguments["resumptionToken"] is { } token ? await tokens.ReadAsync(token, verb, ct) : null;
        var prefix = resumed?.Prefix ?? arguments["metadataPrefix"]!;
        var set = resumed is null ? arguments["set"] : resumed.Set;
        var fromText = resumed is null ? arguments["from"] : resumed.From;
        var untilText = resumed is null ? arguments["until"] : resumed.Until;
        var errors = new List<OaiError>();
        var filter = Filter(set, fromText, untilText, errors);
        IOaiFormat? format = null;
        try
        {
            format = OaiFormats.Find(prefix);
        }
        catch (OaiErrorException ex)
        {
            errors.Add(ex.Error);
        }

        if (errors.Count > 0 || format is null || filter is null)
        {
            throw new OaiErrorsException(errors);
        }

        var size = Settings.PageSize;
        var cursor = resumed is null ? (WorkStampCursor?)null : new WorkStampCursor(OaiDate.Parse("cursor", resumed.AfterDatestamp, false).Value, resumed.AfterWork);
        var completeListSize = resumed?.CompleteListSize ?? await store.Stamps.CountAsync(filter, ct);
        var page = await store.Stamps.ListAsync(filter, cursor, size + 1, ct);
        if (page.Count == 0)
        {
            throw new OaiErrorException(OaiError.NoRecordsMatch());
        }

        var more = page.Count > size;
        var stamps = page.Take(size).ToList();
        var records = withMetadata ? await RecordsAsync(stamps, ct) : null;
        var w = document.Writer;
        const string ns = OaiDocument.Namespace;
        w.WriteStartElement(verb, ns);
        foreach (var stamp in stamps)
        {
            if (records is null)
            {
                WriteHeader(document, stamp, stamp.Deleted);
            }
            else
            {
                WriteRecord(document, stamp, format, records);
            }
        }

        var delivered = resumed?.Cursor ?? 0;
        if (more)
        {
            var last = stamps[^1];
            var next = new OaiListState(
                verb, prefix, set, fromText, untilText, OaiDate.Format(last.Datestamp), last.WorkId, delivered + stamps.Count,
                Math.Max(completeListSize, delivered + stamps.Count + 1), time.GetUtcNow().ToUnixTimeSeconds());
            w.WriteStartElement("resumptionToken", ns);
            w.WriteAttributeString("expirationDate", OaiDate.Format(tokens.ExpiryOf(next)));
            w.WriteAttributeString("completeListSize", next.CompleteListSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteAttributeString("cursor", delivered.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString(await tokens.WriteAsync(next, ct));
            w.WriteEndElement();
        }
        else if (resumed is not null)
        {
            // The last page of a resumed list: an empty token says the list is complete.
            w.WriteStartElement("resumptionToken", ns);
            w.WriteAttributeString("completeListSize", Math.Max(completeListSize, delivered + stamps.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteAttributeString("cursor", delivered.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>The filter of set, from and until (null with the errors added when one is bad).</summary>
    private static WorkStampFilter? Filter(string? set, string? fromText, string? untilText, List<OaiError> errors)
    {
        OaiDate? from = null;
        OaiDate? until = null;
        try
        {
            from = fromText is null ? null : OaiDate.Parse("from", fromText, endOfDay: false);
        }
        catch (OaiErrorException ex)
        {
            errors.Add(ex.Error);
        }

        try
        {
            until = untilText is null ? null : OaiDate.Parse("until", untilText, endOfDay: true);
        }
        catch (OaiErrorException ex)
        {
            errors.Add(ex.Error);
        }

        if (from is { } f && until is { } u)
        {
            if (f.Granularity != u.Granularity)
            {
                errors.Add(OaiError.BadArgument("from and until must have the same granularity (both days or both seconds)."));
            }
            else if (f.Value > u.Value)
            {
                errors.Add(OaiError.BadArgument("from is later than until."));
            }
        }

        if (set is not null && !OaiSets.IsWellFormed(set))
        {
            errors.Add(OaiError.BadArgument($"set: '{(set.Length <= 64 ? set : set[..64] + "…")}' is not a set spec (see ListSets)."));
        }

        return errors.Count > 0 ? null : new WorkStampFilter(from?.Value, until?.Value, set);
    }

    /// <summary>The stamp of an OAI identifier of this repository, or idDoesNotExist.</summary>
    private async Task<WorkStamp> StampAsync(string identifier, CancellationToken ct)
    {
        var workId = identifier.StartsWith(Prefix, StringComparison.Ordinal) ? identifier[Prefix.Length..] : "";
        var stamp = workId.Length is > 0 and <= 200 ? await store.Stamps.GetAsync(workId, ct) : null;
        return stamp ?? throw new OaiErrorException(OaiError.IdDoesNotExist(identifier.Length <= 200 ? identifier : identifier[..200] + "…"));
    }

    /// <summary>The live works among the stamps, composed with their holdings, as an anonymous visitor may see them.</summary>
    private async Task<IReadOnlyDictionary<string, SruRecord>> RecordsAsync(IReadOnlyList<WorkStamp> stamps, CancellationToken ct)
    {
        var ids = stamps.Where(s => !s.Deleted).Select(s => s.WorkId).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, SruRecord>();
        }

        var works = await store.Feed.GetRecordsAsync(ids, ct);
        var now = time.GetUtcNow();
        var anonymous = new Requester(null, null, null, new AccessSession("", "oai-pmh", null, now), "OAI-PMH harvester");
        var view = await decider.ViewAsync(anonymous, ct);
        return works.ToDictionary(
            w => w.Id,
            w =>
            {
                var sources = w.Holdings.Select(h => h.SourceId).Distinct(StringComparer.Ordinal).ToList();
                return new SruRecord(w, sources, decider.Peek(view, sources).Fulltext);
            },
            StringComparer.Ordinal);
    }

    private void WriteRecord(OaiDocument document, WorkStamp stamp, IOaiFormat format, IReadOnlyDictionary<string, SruRecord> records)
    {
        var w = document.Writer;
        const string ns = OaiDocument.Namespace;
        // A work that left the catalogue between its stamp and its read is reported as deleted.
        var record = stamp.Deleted ? null : records.GetValueOrDefault(stamp.WorkId);
        w.WriteStartElement("record", ns);
        WriteHeader(document, stamp, record is null);
        if (record is not null)
        {
            w.WriteStartElement("metadata", ns);
            format.Write(w, record);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private void WriteHeader(OaiDocument document, WorkStamp stamp, bool deleted)
    {
        var w = document.Writer;
        const string ns = OaiDocument.Namespace;
        w.WriteStartElement("header", ns);
        if (deleted)
        {
            w.WriteAttributeString("status", "deleted");
        }

        w.Element("identifier", ns, Prefix + stamp.WorkId);
        w.Element("datestamp", ns, OaiDate.Format(stamp.Datestamp));
        foreach (var set in stamp.Sets)
        {
            w.Element("setSpec", ns, set);
        }

        w.WriteEndElement();
    }
}

/// <summary>Several errors of one request (a bad from and an unknown format, say), answered together.</summary>
public sealed class OaiErrorsException(IReadOnlyList<OaiError> errors) : Exception(string.Join(" ", errors?.Select(e => e.Message) ?? []))
{
    public IReadOnlyList<OaiError> Errors { get; } = errors ?? [];

    public OaiErrorsException()
        : this([])
    {
    }

    public OaiErrorsException(string message)
        : this([OaiError.BadArgument(message)])
    {
    }

    public OaiErrorsException(string message, Exception innerException)
        : this([OaiError.BadArgument(message + " " + innerException?.Message)])
    {
    }
}
