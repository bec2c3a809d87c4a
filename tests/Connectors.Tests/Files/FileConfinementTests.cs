using System.Text.Json;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using static Search.Connectors.Tests.Fakes.TestFiles;

namespace Search.Connectors.Tests.Files;

/// <summary>
/// A file source reads only inside its allowed folders: the probes of the reliability issue (the password file,
/// the /etc folder, the process environment) and the ways out of an allowed folder (.., absolute paths, links).
/// </summary>
public class FileConfinementTests
{
    private string _root = null!;
    private string _allowed = null!;
    private string _outside = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "file-confinement-" + Guid.NewGuid().ToString("N"));
        _allowed = Path.Combine(_root, "allowed");
        _outside = Path.Combine(_root, "outside");
        Directory.CreateDirectory(Path.Combine(_allowed, "dumps"));
        Directory.CreateDirectory(_outside);
        File.Copy(Data("sickle", "ListRecords.xml"), Path.Combine(_allowed, "dumps", "inside.xml"));
        File.Copy(Data("sickle", "ListRecords.xml"), Path.Combine(_outside, "secret.xml"));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private FileConnector Connector(params string[] allowed) =>
        new(new FileConnectorOptions(_allowed, allowed.Length == 0 ? null : allowed), [new OaiPmhFileFormatReader()]);

    private static JsonElement Settings(string path, string format = "oai-pmh") =>
        JsonSerializer.SerializeToElement(new { path, format });

    [TestCase("/etc/passwd", TestName = "the password file is refused")]
    [TestCase("/etc", TestName = "the /etc folder is refused")]
    [TestCase("/proc/self/environ", TestName = "the process environment is refused")]
    [TestCase("/sys/kernel", TestName = "/sys is refused")]
    [TestCase("/dev/zero", TestName = "a device is refused")]
    public void System_files_are_refused_even_when_the_root_is_allowed(string path)
    {
        var problems = Connector("/").ValidateSettings(Settings(path));
        Assert.That(problems, Has.Some.Contains("system folder"));
    }

    [Test]
    public void A_path_outside_the_allowed_folders_is_refused_and_named()
    {
        var problems = Connector().ValidateSettings(Settings(Path.Combine(_outside, "secret.xml")));
        Assert.That(problems, Has.Some.Contains("outside the folders file sources may read"));
    }

    [Test]
    public void A_dot_dot_segment_is_refused_even_when_it_lands_inside()
    {
        Assert.That(Connector().ValidateSettings(Settings("../outside/secret.xml")), Has.Some.Contains("'..'"));
        Assert.That(Connector().ValidateSettings(Settings("dumps/../dumps/inside.xml")), Has.Some.Contains("'..'"));
    }

    [Test]
    public void A_link_out_of_the_allowed_folder_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_allowed, "dumps", "escape.xml"), Path.Combine(_outside, "secret.xml"));
        Directory.CreateSymbolicLink(Path.Combine(_allowed, "elsewhere"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_allowed, "relative"), "../outside");

        Assert.That(Connector().ValidateSettings(Settings("dumps/escape.xml")), Has.Some.Contains("outside"));
        Assert.That(Connector().ValidateSettings(Settings("elsewhere")), Has.Some.Contains("outside"));
        Assert.That(Connector().ValidateSettings(Settings("relative/secret.xml")), Has.Some.Contains("outside"));
        Assert.That(Connector().ValidateSettings(Settings("dumps")), Is.Empty, "the folder itself is inside");
    }

    [Test]
    public async Task A_link_out_inside_an_allowed_folder_is_named_and_not_read()
    {
        File.CreateSymbolicLink(Path.Combine(_allowed, "dumps", "escape.xml"), Path.Combine(_outside, "secret.xml"));

        var batches = await CollectAsync(Connector().HarvestAsync(new HarvestContext("dump", Settings("dumps"), null), CancellationToken.None));

        var problems = batches.SelectMany(b => b.Problems).ToList();
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].Reason, Does.Contain("escape.xml").And.Contain("outside"));
        Assert.That(problems[0].RawPayload, Is.Null, "nothing of the file is kept");
        Assert.That(batches.SelectMany(b => b.Records).ToList(), Has.Count.EqualTo(2), "the file inside is read");
    }

    [Test]
    public void A_link_inside_the_allowed_folder_is_followed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_allowed, "alias"), Path.Combine(_allowed, "dumps"));
        Assert.That(Connector().ValidateSettings(Settings("alias/inside.xml")), Is.Empty);
    }

    [Test]
    public void Another_configured_folder_is_allowed()
    {
        Assert.That(Connector(_allowed, _outside).ValidateSettings(Settings(Path.Combine(_outside, "secret.xml"))), Is.Empty);
    }

    [Test]
    public void An_allowed_folder_given_through_a_link_is_the_folder_it_leads_to()
    {
        var link = Path.Combine(_root, "link-to-allowed");
        Directory.CreateSymbolicLink(link, _allowed);
        Assert.That(Connector(link).ValidateSettings(Settings(Path.Combine(_allowed, "dumps"))), Is.Empty);
    }
}
