using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using static Search.Connectors.Tests.Fakes.TestFiles;

namespace Search.Connectors.Tests.Files;

public class FileConnectorTests
{
    private string _base = null!;

    [SetUp]
    public void SetUp()
    {
        _base = Path.Combine(Path.GetTempPath(), "file-connector-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_base);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_base, recursive: true);

    private FileConnector Connector() => new(new FileConnectorOptions(_base), [new OaiPmhFileFormatReader()]);

    private void Copy(string from, string to)
    {
        var target = Path.Combine(_base, to);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Data(from.Split('/')), target, overwrite: true);
        File.SetAttributes(target, FileAttributes.Normal);
    }

    /// <summary>A folder of dumps whose relative paths sort differently from their creation order.</summary>
    private void MakeDumpFolder()
    {
        Copy("pyoai/fake2/00002.xml", "dumps/b/2004.xml");
        Copy("phpoaipmh/NamespacedSample.xml", "dumps/a/gallica.xml");
        Copy("pyoai/fake1/00005.xml", "dumps/a/2003.xml");
        Copy("sickle/ListRecords.xml", "dumps/c.xml");
        Copy("pyoai/fake1/mapping.txt", "dumps/a/not-a-dump.txt");
    }

    private static JsonElement DumpSettings(string path = "dumps") => Json($"{{\"path\": \"{path}\", \"format\": \"oai-pmh\"}}");

    private Task<List<HarvestBatch>> HarvestAsync(JsonElement settings, string? checkpoint = null) =>
        CollectAsync(Connector().HarvestAsync(new HarvestContext("dump", settings, checkpoint), CancellationToken.None));

    private static string[] Paths(HarvestBatch batch) =>
        FileCheckpoint.Parse(batch.Checkpoint).Files.Select(f => f.Path).ToArray();

    [Test]
    public async Task Reads_a_folder_recursively_one_batch_per_file_in_ordinal_order()
    {
        MakeDumpFolder();

        var batches = await HarvestAsync(DumpSettings());

        Assert.Multiple(() =>
        {
            Assert.That(batches.Select(b => b.Records.Count), Is.EqualTo(new[] { 16, 1, 81, 2 }));
            Assert.That(batches[0].Records[0].ExternalId, Is.EqualTo("hdl:1765/308"));
            Assert.That(batches[1].Records[0].ExternalId, Is.EqualTo("oai:bnf.fr:gallica/ark:/12148/bpt6k5440618t"));
            Assert.That(batches.SelectMany(b => b.Records).Select(r => r.SourceId), Is.All.EqualTo("dump"));
            Assert.That(batches.SelectMany(b => b.Records).Select(r => r.MetadataFormat), Is.All.EqualTo(MetadataFormats.OaiDc));
            Assert.That(Paths(batches[^1]), Is.EqualTo(new[] { "a/2003.xml", "a/gallica.xml", "b/2004.xml", "c.xml" }));
            Assert.That(Paths(batches[1]), Is.EqualTo(new[] { "a/2003.xml", "a/gallica.xml" }));
        });
    }

    [Test]
    public async Task Resumes_after_the_last_completed_file()
    {
        MakeDumpFolder();
        var firstRun = new List<HarvestBatch>();
        await foreach (var batch in Connector().HarvestAsync(new HarvestContext("dump", DumpSettings(), null), CancellationToken.None))
        {
            firstRun.Add(batch);
            if (firstRun.Count == 2)
            {
                break; // the run is killed after storing two files
            }
        }

        var secondRun = await HarvestAsync(DumpSettings(), firstRun[^1].Checkpoint);

        Assert.Multiple(() =>
        {
            Assert.That(secondRun.Select(b => b.Records.Count), Is.EqualTo(new[] { 81, 2 }));
            Assert.That(Paths(secondRun[^1]), Is.EqualTo(new[] { "a/2003.xml", "a/gallica.xml", "b/2004.xml", "c.xml" }));
        });
    }

    [Test]
    public async Task A_later_run_reads_only_new_or_changed_files()
    {
        MakeDumpFolder();
        var firstRun = await HarvestAsync(DumpSettings());

        var unchanged = await HarvestAsync(DumpSettings(), firstRun[^1].Checkpoint);

        Copy("sickle/ListRecords3.xml", "dumps/c.xml"); // same size as ListRecords.xml, other content: only the hash tells
        Copy("sickle/ListRecords4.xml", "dumps/b/new.xml");
        var changed = await HarvestAsync(DumpSettings(), firstRun[^1].Checkpoint);

        Assert.Multiple(() =>
        {
            Assert.That(unchanged, Is.Empty);
            Assert.That(changed, Has.Count.EqualTo(2));
            Assert.That(changed[0].Problems.Single().Reason, Does.Contain("identifier"), "b/new.xml is ListRecords4.xml");
            Assert.That(changed[1].Records, Has.Count.EqualTo(2), "c.xml changed");
            Assert.That(Paths(changed[^1]), Is.EqualTo(new[] { "a/2003.xml", "a/gallica.xml", "b/2004.xml", "b/new.xml", "c.xml" }));
            Assert.That(
                FileCheckpoint.Parse(changed[^1].Checkpoint).Files.Single(f => f.Path == "c.xml").Sha256,
                Is.Not.EqualTo(FileCheckpoint.Parse(firstRun[^1].Checkpoint).Files.Single(f => f.Path == "c.xml").Sha256));
        });
    }

    [Test]
    public async Task A_single_file_path_is_one_batch()
    {
        Copy("sickle/ListRecords.xml", "one/dump.xml");

        var batches = await HarvestAsync(DumpSettings("one/dump.xml"));

        Assert.Multiple(() =>
        {
            Assert.That(batches.Single().Records, Has.Count.EqualTo(2));
            Assert.That(Paths(batches[0]), Is.EqualTo(new[] { "dump.xml" }));
        });
    }

    [Test]
    public async Task An_absolute_path_is_used_as_is()
    {
        MakeDumpFolder();
        var elsewhere = new FileConnector(new FileConnectorOptions(Path.GetTempPath()), [new OaiPmhFileFormatReader()]);
        var settings = JsonSerializer.SerializeToElement(new { path = Path.Combine(_base, "dumps", "c.xml"), format = "oai-pmh" });

        var batches = await CollectAsync(elsewhere.HarvestAsync(new HarvestContext("dump", settings, null), CancellationToken.None));

        Assert.That(batches.Single().Records, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_file_that_is_not_a_dump_is_quarantined_and_the_harvest_goes_on()
    {
        Copy("sickle/ListRecordsBroken.xml", "dumps/a.xml");
        Copy("sickle/badArgument.xml", "dumps/b.xml");
        Copy("sickle/noRecordsMatch.xml", "dumps/c.xml");
        Copy("phpoaipmh/GoodResponseFourPage_4.xml", "dumps/d.xml");
        Copy("sickle/ListRecords.xml", "dumps/e.xml");

        var batches = await HarvestAsync(DumpSettings());

        Assert.Multiple(() =>
        {
            Assert.That(batches, Has.Count.EqualTo(5));
            Assert.That(batches[0].Problems.Single().Reason, Does.Contain("a.xml").And.Contain("not an OAI-PMH XML document"));
            Assert.That(batches[0].Problems.Single().RawPayload, Is.EqualTo("broken xml"));
            Assert.That(batches[1].Problems.Single().Reason, Does.Contain("badArgument"));
            Assert.That(batches[2].Records, Is.Empty);
            Assert.That(batches[2].Problems, Is.Empty, "noRecordsMatch is an empty dump");
            Assert.That(batches[3].Problems.Single().Reason, Does.Contain("ListIdentifiers"));
            Assert.That(batches[4].Records, Has.Count.EqualTo(2));
            Assert.That(Paths(batches[^1]), Has.Length.EqualTo(5));
        });
    }

    [Test]
    public async Task A_dump_with_an_external_dtd_is_quarantined_without_fetching_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Directory.CreateDirectory(Path.Combine(_base, "dumps"));
            await File.WriteAllTextAsync(Path.Combine(_base, "dumps", "dtd.xml"), $"""
                <?xml version="1.0"?>
                <!DOCTYPE OAI-PMH SYSTEM "http://127.0.0.1:{port}/oai.dtd">
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords/></OAI-PMH>
                """);

            var batches = await HarvestAsync(DumpSettings());

            Assert.Multiple(() =>
            {
                Assert.That(batches.Single().Problems.Single().Reason, Does.Contain("DTD"));
                Assert.That(listener.Pending(), Is.False, "nothing may connect to fetch the DTD");
            });
        }
        finally
        {
            listener.Stop();
            listener.Dispose();
        }
    }

    [Test]
    public void Declares_kind_capabilities_and_formats()
    {
        var connector = Connector();

        Assert.Multiple(() =>
        {
            Assert.That(connector.Kind, Is.EqualTo("file"));
            Assert.That(connector.Capabilities, Is.EqualTo(ConnectorCapabilities.Incremental));
            Assert.That(connector.Formats, Is.EqualTo(new[] { "oai-pmh" }));
        });
    }

    [TestCase("{\"format\": \"oai-pmh\"}", "'path' is required")]
    [TestCase("{\"path\": \"dumps\"}", "'format' is required")]
    [TestCase("{\"path\": \"dumps\", \"format\": \"marc-of-the-future\"}", "known formats: oai-pmh")]
    [TestCase("{\"path\": \"nowhere\", \"format\": \"oai-pmh\"}", "neither a file nor a folder")]
    [TestCase("{\"path\": \"dumps\", \"format\": \"oai-pmh\", \"pattern\": \"x/*.xml\"}", "'pattern'")]
    [TestCase("{\"path\": 3, \"format\": \"oai-pmh\"}", "'path' must be a string")]
    public void Validate_settings_reports_problems(string json, string expected)
    {
        MakeDumpFolder();

        Assert.That(Connector().ValidateSettings(Json(json)), Has.Some.Contains(expected));
    }

    [Test]
    public void Validate_settings_accepts_a_folder_of_dumps()
    {
        MakeDumpFolder();

        Assert.That(Connector().ValidateSettings(Json("{\"path\": \"dumps\", \"format\": \"OAI-PMH\", \"pattern\": \"*.xml\"}")), Is.Empty);
    }

    [Test]
    public void Harvest_with_unusable_settings_throws()
    {
        Assert.ThrowsAsync<ConnectorException>(() => HarvestAsync(DumpSettings("nowhere")));
    }

    [Test]
    public void Two_readers_for_one_format_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _ = new FileConnector(new FileConnectorOptions(_base), [new OaiPmhFileFormatReader(), new OaiPmhFileFormatReader()]));
    }
}
