using System.Text.Json;
using System.Xml;
using Search.Ingestion.Model;

namespace Search.Api.Sru;

/// <summary>
/// Our JSON (<c>info:srw/schema/kj/record-json-v1</c>): the record's fields as <c>/api/records/{id}</c> names them,
/// with the links this requester may follow and the full-text decision. Not XML, so always sent as escaped text.
/// </summary>
public sealed class JsonRecordSchema : IRecordSchema
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => "json";

    public string Identifier => "info:srw/schema/kj/record-json-v1";

    public string Title => "科技文献检索 record JSON";

    public IReadOnlyList<string> Aliases { get; } = ["application/json", "record-json"];

    public bool IsXml => false;

    public void Write(XmlWriter writer, SruRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.Text(JsonSerializer.Serialize(ToJson(record), Json));
    }

    public static JsonRecord ToJson(SruRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var r = record.Record;
        return new JsonRecord(
            r.Id, r.Type, r.Title, r.AlternativeTitles, r.Authors, r.Organizations, r.SourceTitle, r.Publisher, r.Abstract,
            r.Keywords, r.Subjects, r.Classifications, r.Year, r.Language, r.Identifiers, record.Sources, record.Links,
            r.Volume, r.Issue, r.FirstPage, new JsonAccess(record.Fulltext)) { LastPage = r.LastPage };
    }

    /// <summary>The full-text decision, as the JSON API's <c>access</c> object.</summary>
    public sealed record JsonAccess(string Fulltext);

    /// <summary>The JSON record.</summary>
    public sealed record JsonRecord(
        string Id,
        string Type,
        string Title,
        IReadOnlyList<string> AlternativeTitles,
        IReadOnlyList<string> Authors,
        IReadOnlyList<string> Organizations,
        string? SourceTitle,
        string? Publisher,
        string? Abstract,
        IReadOnlyList<string> Keywords,
        IReadOnlyList<string> Subjects,
        IReadOnlyList<string> Classifications,
        int? Year,
        string? Language,
        RecordIdentifiers Identifiers,
        IReadOnlyList<string> Sources,
        IReadOnlyList<RecordLink> Links,
        string? Volume,
        string? Issue,
        string? FirstPage,
        JsonAccess Access)
    {
        /// <summary>The last page, as in <c>/api/records/{id}</c>.</summary>
        public string? LastPage { get; init; }
    }
}
