using System.Globalization;
using Search.Api.Api;
using Search.Api.Entitlement;
using Search.Ingestion.Model;

namespace Search.Api.Site;

/// <summary>The Chinese names the site gives record types, patent categories, languages and access states.</summary>
public static class RecordLabels
{
    public static string Type(string type) => type switch
    {
        RecordTypes.JournalArticle => "期刊",
        RecordTypes.Thesis => "学位论文",
        RecordTypes.ConferencePaper => "会议",
        RecordTypes.Patent => "专利",
        RecordTypes.Standard => "标准",
        RecordTypes.Report => "报告",
        RecordTypes.Book => "图书",
        _ => "其他",
    };

    public static string PatentCategory(string? category) => category switch
    {
        PatentCategories.Invention => "发明专利申请",
        PatentCategories.Grant => "发明专利（授权）",
        PatentCategories.UtilityModel => "实用新型",
        PatentCategories.Design => "外观设计",
        null => "",
        _ => category,
    };

    public static string Language(string? code) => code switch
    {
        "chi" => "中文",
        "eng" => "英文",
        "jpn" => "日文",
        "ger" => "德文",
        "fre" => "法文",
        "rus" => "俄文",
        null => "",
        _ => code,
    };

    public static string Access(AccessDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Fulltext switch
        {
            FulltextAccess.Available => "全文可用",
            FulltextAccess.LoginRequired => "登录后获取全文",
            FulltextAccess.NoLicense => "未订购全文",
            FulltextAccess.LimitExceeded when decision.BudgetExhausted => "下载额度已用完",
            FulltextAccess.LimitExceeded => "并发用户数已满，请稍后再试",
            _ => decision.Fulltext,
        };
    }
}

/// <summary>
/// The fields a record page lists, in order, with the labels a researcher expects for the record's type: a patent
/// names its inventors and applicants and its numbers and dates, a standard its number and issuing body, a thesis
/// its degree-granting institution. Values are the partner's text as held.
/// </summary>
public static class RecordFields
{
    public static IReadOnlyList<(string Label, IReadOnlyList<string> Values)> For(RecordsApi.RecordResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = new List<(string, IReadOnlyList<string>)>();
        void Add(string label, IEnumerable<string?> values)
        {
            var kept = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
            if (kept.Count > 0)
            {
                rows.Add((label, kept));
            }
        }

        void One(string label, string? value) => Add(label, [value]);

        var patent = r.Patent;
        switch (r.Type)
        {
            case RecordTypes.Patent:
                Add("发明人", r.Authors);
                Add("申请人/专利权人", r.Organizations);
                One("专利类型", patent is null ? null : Join(RecordLabels.PatentCategory(patent.Category), patent.Kind));
                Add("公开（公告）号", r.Identifiers.PatentNumbers);
                One("公开（公告）日", patent is null ? null : RecordPage.Date(patent.PublicationDate));
                One("申请号", patent?.ApplicationNumber);
                One("申请日", patent is null ? null : RecordPage.Date(patent.ApplicationDate));
                Add("优先权", patent?.Priorities.Select(p => Join($"{p.Country}{p.Number}", RecordPage.Date(p.Date))) ?? []);
                Add("IPC 分类号", r.Classifications);
                Add("指定国", patent?.DesignatedStates ?? []);
                break;
            case RecordTypes.Standard:
                Add("标准号", r.Identifiers.StandardNumbers);
                Add("起草人", r.Authors);
                Add("发布单位", r.Organizations);
                One("出版者", r.Publisher);
                Add("分类号（ICS/CCS）", r.Classifications);
                break;
            case RecordTypes.Thesis:
                Add("作者", r.Authors);
                Add("学位授予单位", r.Organizations);
                One("出版者", r.Publisher);
                Add("中图分类号", r.Classifications);
                break;
            default:
                Add("作者", r.Authors);
                Add("作者单位", r.Organizations);
                One(r.Type == RecordTypes.ConferencePaper ? "会议录" : r.Type == RecordTypes.JournalArticle ? "刊名" : "来源", r.SourceTitle);
                One("出版者", r.Publisher);
                One("卷", r.Volume);
                One("期", r.Issue);
                One("页码", Pages(r.FirstPage, r.LastPage));
                Add("中图分类号", r.Classifications);
                break;
        }

        if (r.Type is RecordTypes.Patent or RecordTypes.Standard or RecordTypes.Thesis)
        {
            One("来源", r.SourceTitle);
        }

        One("年", r.Year?.ToString(CultureInfo.InvariantCulture));
        Add("关键词", r.Keywords);
        Add("主题", r.Subjects);
        One("语种", RecordLabels.Language(r.Language));
        One("DOI", r.Identifiers.Doi);
        Add("ISSN", r.Identifiers.Issn);
        Add("ISBN", r.Identifiers.Isbn);
        if (r.Type != RecordTypes.Patent)
        {
            Add("专利号", r.Identifiers.PatentNumbers);
        }

        if (r.Type != RecordTypes.Standard)
        {
            Add("标准号", r.Identifiers.StandardNumbers);
        }

        Add("其他标识", r.Identifiers.Other);
        return rows;
    }

    /// <summary>"5-7", or the first page alone.</summary>
    public static string? Pages(string? first, string? last) =>
        string.IsNullOrWhiteSpace(first) ? null : string.IsNullOrWhiteSpace(last) || last == first ? first : $"{first}-{last}";

    private static string? Join(string? a, string? b) =>
        string.Join(" ", new[] { a, b }.Where(x => !string.IsNullOrWhiteSpace(x))) is { Length: > 0 } joined ? joined : null;
}
