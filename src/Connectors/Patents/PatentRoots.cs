namespace Search.Connectors.Patents;

/// <summary>The local names of the root elements of the European and Chinese patent documents read.</summary>
public static class PatentRoots
{
    /// <summary>European Publication Server documents (ST.36 B-tags, DTD ep-patent-document-v1-0 to v1-5-1).</summary>
    public const string Epo = "ep-patent-document";

    /// <summary>CNIPA XML 2.x, <c>business:PatentDocumentAndRelated</c>.</summary>
    public const string Cnipa = "PatentDocumentAndRelated";

    /// <summary>SIPO 2006 ST.36 application documents.</summary>
    public const string Sipo2006 = "cn-patent-document";

    /// <summary>LexisNexis Univentio documents (ST.36-like, Chinese and English).</summary>
    public const string LexisNexis = "lexisnexis-patent-document";
}
