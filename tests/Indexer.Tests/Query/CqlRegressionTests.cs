using System.Xml;
using System.Xml.Linq;
using Search.Indexer.Query.Cql;
using Search.Indexer.Search;

namespace Search.Indexer.Tests.Query;

/// <summary>The cql-java regression corpus (tests/TestData/cql): every query parses to its XCQL tree; group 11 fails.</summary>
public class CqlRegressionTests
{
    private static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "cql", "cql-java-regression");

    public static IEnumerable<TestCaseData> Valid() => Cases().Where(c => !Fails(c))
        .Select(c => new TestCaseData(c.Group, c.Name).SetName($"Cql_{c.Group}_{c.Name}"));

    public static IEnumerable<TestCaseData> Invalid() => Cases().Where(Fails)
        .Select(c => new TestCaseData(c.Name).SetName($"Cql_fails_11_{c.Name}"));

    private static string DiscoveryRoot =>
        Path.Combine(Path.GetDirectoryName(typeof(CqlRegressionTests).Assembly.Location)!, "TestData", "cql", "cql-java-regression");

    /// <summary>Group 11's expected outcome is cql-java's error message, except 11/12, which cql-java parses (its .xcql is a tree).</summary>
    private static bool Fails((string Group, string Name) c) =>
        c.Group == "11" && !File.ReadAllText(Path.Combine(DiscoveryRoot, c.Group, c.Name + ".xcql")).TrimStart().StartsWith('<');

    private static IEnumerable<(string Group, string Name)> Cases()
    {
        // Resolved at discovery time from the test assembly's folder.
        var root = DiscoveryRoot;
        return Directory.GetFiles(root, "*.cql", SearchOption.AllDirectories)
            .Select(f => (Path.GetFileName(Path.GetDirectoryName(f)!), Path.GetFileNameWithoutExtension(f)))
            .OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2, StringComparer.Ordinal);
    }

    [Test]
    public void The_corpus_is_there()
    {
        Assert.That(Cases().Count(), Is.GreaterThan(85));
        Assert.That(Cases().Count(Fails), Is.EqualTo(7));
    }

    [TestCaseSource(nameof(Valid))]
    public void Parses_to_the_expected_tree(string group, string name)
    {
        var query = File.ReadAllText(Path.Combine(Root, group, name + ".cql")).TrimEnd('\n', '\r');
        var expected = Canonical(LoadXml(Path.Combine(Root, group, name + ".xcql")));
        Assert.That(CqlParser.Parse(query).Canonical(), Is.EqualTo(expected), query);
    }

    [TestCaseSource(nameof(Invalid))]
    public void Malformed_queries_fail_with_a_position(string name)
    {
        var query = File.ReadAllText(Path.Combine(Root, "11", name + ".cql")).TrimEnd('\n', '\r');
        var expected = File.ReadAllText(Path.Combine(Root, "11", name + ".xcql")).Trim();
        var error = Assert.Throws<QuerySyntaxException>(() => CqlParser.Parse(query), query)!;
        Assert.That(error.Position, Is.InRange(0, query.Length));
        Assert.That(error.Message, Does.Contain(expected.Split(',')[0]), "the same complaint as cql-java");
    }

    private static XElement LoadXml(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        return XDocument.Load(reader).Root!;
    }

    /// <summary>The generic canonical form of an XML tree: <c>name(child child)</c>, leaves <c>name="text"</c>.</summary>
    private static string Canonical(XElement element) =>
        element.HasElements
            ? element.Name.LocalName + "(" + string.Join(" ", element.Elements().Select(Canonical)) + ")"
            : $"{element.Name.LocalName}=\"{element.Value}\"";
}
