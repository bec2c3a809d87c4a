using System.Xml;
using System.Xml.Linq;

namespace Search.Bench.Corpus.Sources;

/// <summary>An English record of the OAI-PMH samples: the model of English-language records.</summary>
internal sealed record EnglishDoc(string Title, string Description, IReadOnlyList<string> Subjects);

/// <summary>
/// What the sample data offers beyond CSL, read at run time: English titles, abstracts and subjects (OAI-PMH
/// samples), personal names, publishers and organizations (MARC samples), inventors, applicants and IPC classes
/// (patent XML samples). Every list is de-duplicated and sorted, so the corpus does not depend on file order.
/// </summary>
internal sealed class SampleData
{
    private const string DcNamespace = "http://purl.org/dc/elements/1.1/";

    public List<EnglishDoc> EnglishDocs { get; } = [];

    /// <summary>Western personal names as catalogues write them ("Smith, John").</summary>
    public List<string> PersonalNames { get; } = [];

    public List<string> Publishers { get; } = [];

    public List<string> Organizations { get; } = [];

    /// <summary>IPC symbols as "G06F 16/35".</summary>
    public List<string> IpcCodes { get; } = [];

    public int FilesRead { get; private set; }

    public static SampleData Load(InputPaths paths)
    {
        var data = new SampleData();
        var docs = new Dictionary<string, EnglishDoc>(StringComparer.Ordinal);
        foreach (var file in XmlFiles(paths.SampleFolders("oai-pmh", "oai-dc")))
        {
            if (Parse(file) is { } doc)
            {
                data.FilesRead++;
                data.ReadDublinCore(doc, docs);
            }
        }

        data.EnglishDocs.AddRange(docs.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Value));

        var names = new SortedSet<string>(StringComparer.Ordinal);
        var publishers = new SortedSet<string>(StringComparer.Ordinal);
        var organizations = new SortedSet<string>(StringComparer.Ordinal);
        var ipc = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in XmlFiles(paths.SampleFolders("marc")))
        {
            if (Parse(file) is { } doc)
            {
                data.FilesRead++;
                ReadMarc(doc, names, publishers, organizations);
            }
        }

        // The CN documents of the shared folder (cnipa/) come without an open licence: not used.
        foreach (var file in XmlFiles(paths.SampleFolders("patent-xml")).Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("cnipa")))
        {
            if (Parse(file) is { } doc)
            {
                data.FilesRead++;
                ReadPatent(doc, names, organizations, ipc);
            }
        }

        data.PersonalNames.AddRange(names);
        data.Publishers.AddRange(publishers);
        data.Organizations.AddRange(organizations);
        data.IpcCodes.AddRange(ipc);
        return data;
    }

    private static IEnumerable<string> XmlFiles(IEnumerable<string> folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>The document, or null when it is not well-formed XML. DTDs are ignored and never fetched.</summary>
    private static XDocument? Parse(string file)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(file, settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private void ReadDublinCore(XDocument doc, Dictionary<string, EnglishDoc> docs)
    {
        var containers = doc.Descendants()
            .Where(e => e.Elements().Any(c => c.Name.NamespaceName == DcNamespace && c.Name.LocalName == "title"));
        foreach (var dc in containers)
        {
            string[] Values(string name) => [.. dc.Elements(XName.Get(name, DcNamespace)).Select(e => CslPapers.Clean(e.Value)).Where(v => v.Length > 0)];
            var title = Values("title").FirstOrDefault();
            var description = Values("description").OrderByDescending(d => d.Length).FirstOrDefault();
            if (title is null || description is null || !IsEnglish(title) || !IsEnglish(description) || description.Length < 60 || !LooksEnglish(description))
            {
                continue;
            }

            var subjects = Values("subject")
                .SelectMany(s => s.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Where(s => s.Length is >= 3 and <= 40 && s.Any(char.IsAsciiLetter) && !s.Any(char.IsAsciiDigit) && IsEnglish(s) && !s.Contains(','))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            docs.TryAdd(title + "\n" + description, new EnglishDoc(title, description, subjects));
            foreach (var creator in Values("creator").Where(c => IsEnglish(c) && c.Length <= 40 && c.Any(char.IsAsciiLetter)))
            {
                PersonalNames.Add(creator);
            }
        }
    }

    private static void ReadMarc(XDocument doc, SortedSet<string> names, SortedSet<string> publishers, SortedSet<string> organizations)
    {
        foreach (var field in doc.Descendants().Where(e => e.Name.LocalName == "datafield"))
        {
            var tag = (string?)field.Attribute("tag");
            var a = Subfield(field, "a");
            switch (tag)
            {
                case "100" or "700" when a is not null && a.Contains(',') && IsEnglish(a):
                    names.Add(a);
                    break;
                case "110" or "710" when a is not null && IsEnglish(a):
                    organizations.Add(a);
                    break;
                case "260" or "264" when Subfield(field, "b") is { } b && IsEnglish(b):
                    publishers.Add(b);
                    break;
            }
        }
    }

    private static void ReadPatent(XDocument doc, SortedSet<string> names, SortedSet<string> organizations, SortedSet<string> ipc)
    {
        foreach (var e in doc.Descendants())
        {
            switch (e.Name.LocalName)
            {
                case "addressbook" or "name":
                    var last = Child(e, "last-name") ?? Child(e, "family-name");
                    var first = Child(e, "first-name") ?? Child(e, "given-name");
                    if (last is not null && first is not null && IsEnglish(last + first))
                    {
                        names.Add(Title(last) + ", " + first);
                    }

                    break;
                case "orgname" or "organization-name":
                    var org = CslPapers.Clean(e.Value).TrimEnd('.', ',', ' ');
                    if (org.Length is >= 4 and <= 80 && IsEnglish(org))
                    {
                        organizations.Add(org);
                    }

                    break;
                case "classification-ipcr":
                    var section = Child(e, "section");
                    var cls = Child(e, "class");
                    var subclass = Child(e, "subclass");
                    var group = Child(e, "main-group");
                    var subgroup = Child(e, "subgroup");
                    if (section is { Length: 1 } && cls is { Length: 2 } && subclass is { Length: 1 } && group is not null && subgroup is not null)
                    {
                        ipc.Add($"{section}{cls}{subclass} {group.TrimStart('0')}/{subgroup}");
                    }

                    break;
            }
        }
    }

    private static string? Child(XElement e, string localName) =>
        e.Elements().FirstOrDefault(c => c.Name.LocalName == localName) is { } child && CslPapers.Clean(child.Value) is { Length: > 0 } v ? v : null;

    private static string? Subfield(XElement field, string code)
    {
        var value = field.Elements().FirstOrDefault(e => e.Name.LocalName == "subfield" && (string?)e.Attribute("code") == code)?.Value;
        var clean = CslPapers.Clean(value).TrimEnd(' ', ',', ':', ';', '/', '.');
        return clean.Length is >= 2 and <= 80 ? clean : null;
    }

    /// <summary>"SMITH" as "Smith"; names already in mixed case stay as they are.</summary>
    private static string Title(string name) =>
        name.Any(char.IsLower) ? name : string.Concat(name[..1], name[1..].ToLowerInvariant());

    private static readonly HashSet<string> EnglishFunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "of", "and", "in", "to", "is", "a", "for", "with", "are", "this", "that", "by", "on", "as", "it", "from", "be", "an", "was",
    };

    /// <summary>English rather than another Latin-script language: function words make up a good part of it.</summary>
    private static bool LooksEnglish(string text)
    {
        var words = text.Split([' ', ',', '.', ';', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.Count(EnglishFunctionWords.Contains) * 100 >= words.Length * 12;
    }

    /// <summary>Latin script only (no CJK, no control characters): English text.</summary>
    private static bool IsEnglish(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (c > '\u024F')
            {
                return false;
            }

            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return letters > 0;
    }
}
