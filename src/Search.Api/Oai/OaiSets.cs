using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Api.Oai;

/// <summary>A set: its spec and its name.</summary>
public sealed record OaiSet(string Spec, string Name);

/// <summary>
/// The sets of the provider: <c>source</c> with a <c>source:&lt;id&gt;</c> per partner source (named as the librarians
/// named it), and <c>type</c> with a <c>type:&lt;type&gt;</c> per record type. A work is in the set of each of its holdings'
/// sources and types, and so in the parents <c>source</c> and <c>type</c>.
/// </summary>
public static class OaiSets
{
    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.Ordinal)
    {
        [RecordTypes.JournalArticle] = "期刊论文 (journal articles)",
        [RecordTypes.Thesis] = "学位论文 (theses)",
        [RecordTypes.ConferencePaper] = "会议论文 (conference papers)",
        [RecordTypes.Patent] = "专利 (patents)",
        [RecordTypes.Standard] = "标准 (standards)",
        [RecordTypes.Report] = "报告 (reports)",
        [RecordTypes.Book] = "图书 (books)",
        [RecordTypes.Other] = "其他 (other)",
    };

    public static IReadOnlyList<OaiSet> List(IEnumerable<StoredSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var sets = new List<OaiSet> { new("source", "按来源 (by source)") };
        sets.AddRange(sources.Select(s => s.Definition).OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new OaiSet("source:" + s.Id, s.Name)));
        sets.Add(new OaiSet("type", "按文献类型 (by record type)"));
        sets.AddRange(RecordTypes.All.Select(t => new OaiSet("type:" + t, TypeNames.GetValueOrDefault(t, t))));
        return sets;
    }

    /// <summary>Whether a set argument is a well-formed spec (setSpecType: unreserved characters, parts joined by colons).</summary>
    public static bool IsWellFormed(string spec) =>
        spec.Length is > 0 and <= 200
        && spec.Split(':').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || "-_.!~*'()".Contains(c, StringComparison.Ordinal)));
}
