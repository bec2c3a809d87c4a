using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Integration;

/// <summary>
/// The MARC files of the file connector (formats iso2709 and marcxml) through the harvest runner: every broken
/// file of pymarc's test set ends in quarantine with a reason that names it, the run goes on, and the good
/// records of the same folder are found.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class SruMarcFileQuarantineTests
{
    private static readonly string[] BrokenIso2709 =
    [
        "pymarc-bad_records.mrc", "pymarc-bad_indicator.dat", "pymarc-bad_marc8_escape.dat", "pymarc-bad_subfield_code.dat",
        "pymarc-bad_eacc_encoding.dat", "pymarc-utf8_invalid.mrc",
    ];

    [Test]
    public async Task Every_broken_ISO_2709_file_is_quarantined_with_a_reason_and_good_records_come_through()
    {
        using var app = new SearchApp();
        var folder = Path.Combine(app.ConfigDirectory, "marc-dumps");
        Directory.CreateDirectory(folder);
        foreach (var name in BrokenIso2709.Concat(["yaz-marc12.marc", "pymarc-utf8_errors.dat", "pymarc-testunimarc.dat"]))
        {
            Copy(name, folder);
        }

        await app.PutSourceAsync("marc-files", "file", new { path = "marc-dumps", format = "iso2709", pattern = "*.*" });
        var run = await app.HarvestAsync("marc-files");
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());

        var reasons = await QuarantineReasonsAsync(app, "marc-files");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, reasons));
        foreach (var name in BrokenIso2709)
        {
            Assert.That(reasons.Where(r => r.Contains($"'{name}'", StringComparison.Ordinal)), Is.Not.Empty, name);
        }

        Assert.That(reasons, Has.Some.Contains("escape"), "bad_marc8_escape.dat names the escape");
        Assert.That(reasons, Has.Some.Contains("EACC"), "bad_eacc_encoding.dat names EACC");
        Assert.That(reasons, Has.Some.Contains("utf8_invalid.mrc").And.Contains("invalid code"), "utf8_invalid.mrc: a garbled subfield code (U+FFFD)");

        Assert.That(SearchApp.HitTitles(await app.SearchAsync("车票去哪儿了")), Has.Some.Contains("车票去哪儿了"), "the MARC-8/EACC record");
        Assert.That(SearchApp.HitTitles(await app.SearchAsync("faccia della spirale")), Has.Some.Contains("L'altra faccia della spirale"), "the UNIMARC record");
        Assert.That(run["new"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task A_MARCXML_record_with_a_bad_tag_is_quarantined_and_the_collection_beside_it_is_read()
    {
        using var app = new SearchApp();
        var folder = Path.Combine(app.ConfigDirectory, "marcxml");
        Directory.CreateDirectory(folder);
        Copy("pymarc-bad_tag.xml", folder);
        Copy("pymarc-batch.xml", folder);

        await app.PutSourceAsync("marcxml-files", "file", new { path = "marcxml", format = "marcxml" });
        var run = await app.HarvestAsync("marcxml-files");
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());

        var reasons = await QuarantineReasonsAsync(app, "marcxml-files");
        Assert.That(reasons, Has.Some.Contains("'pymarc-bad_tag.xml'").And.Contains("invalid tag '42'"));
        Assert.That(run["new"]!.GetValue<int>(), Is.EqualTo(2), "the two records of batch.xml");
    }

    private static void Copy(string name, string folder)
    {
        var target = Path.Combine(folder, name);
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "marc-iso2709", name), target);
        File.SetAttributes(target, FileAttributes.Normal);
    }

    private static async Task<List<string>> QuarantineReasonsAsync(SearchApp app, string source)
    {
        using var client = app.AdminClient();
        var body = await client.GetFromJsonAsync<JsonNode>($"/api/admin/sources/{source}/quarantine");
        var reasons = new List<string>();
        Collect(body, reasons);
        return reasons;
    }

    private static void Collect(JsonNode? node, List<string> reasons)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "reason" && value is JsonValue v)
                    {
                        reasons.Add(v.GetValue<string>());
                    }
                    else
                    {
                        Collect(value, reasons);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, reasons);
                }

                break;
        }
    }
}
