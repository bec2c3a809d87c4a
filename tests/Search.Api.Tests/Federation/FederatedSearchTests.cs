using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Federation;

/// <summary>
/// Live federated search against real peers on 127.0.0.1: Index Data's Zebra as the live SRU target (loaded with
/// records the engine never harvested), a second Zebra harvested as the local catalogue, a listener that accepts and
/// never answers (a fault no real peer can be made to show) and a closed port.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class FederatedSearchTests
{
    private const string Local = "local-cat";
    private const string Live = "zebra";

    private static readonly Book Shared = new("fed-0002", "Kestrel migration atlas of the Yangtze", "司马思远", "9787030000018", 2016);

    private static readonly Book[] LocalBooks =
    [
        new("fed-0001", "Kestrel habitats of Hubei province", "欧阳雨桐", "9787030000001", 2015),
        Shared,
    ];

    private static readonly Book[] RemoteBooks =
    [
        Shared with { ControlNumber = "remote-0002" },
        new("remote-0003", "Kestrel nesting in lake wetlands", "诸葛明哲", "9787030000025", 2018),
        new("remote-0004", "Kestrel diet survey in Jianghan plain", "上官嘉怡", "9787030000032", 2019),
    ];

    [Test]
    public async Task A_search_merges_the_live_targets_records_with_the_local_hits_and_a_shared_record_is_one_hit_with_two_holdings()
    {
        await using var local = await ZebraServer.StartAsync(Collection(LocalBooks));
        await using var remote = await ZebraServer.StartAsync(Collection(RemoteBooks));
        using var app = new SearchApp();
        await app.PutSourceAsync(Local, "sru", Settings(local.BaseUrl), "本馆目录");
        Assert.That((await app.HarvestAsync(Local))["new"]!.GetValue<int>(), Is.EqualTo(2));
        var put = await PutLiveSourceAsync(app, Live, remote.BaseUrl);
        Assert.That(put["live"]!.GetValue<bool>(), Is.True, put.ToJsonString());

        var result = await app.SearchAsync("kestrel");

        var hits = result["hits"]!.AsArray().Select(h => h!.AsObject()).ToList();
        var titles = hits.Select(h => h["title"]!.GetValue<string>()).ToList();
        var target = Target(result, Live);
        Assert.Multiple(() =>
        {
            Assert.That(target["status"]!.GetValue<string>(), Is.EqualTo("ok"), result.ToJsonString());
            Assert.That(target["hits"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(target["merged"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(target["query"]!.GetValue<string>(), Is.EqualTo("cql.serverChoice = \"kestrel\""));
            Assert.That(titles, Is.EquivalentTo(LocalBooks.Concat(RemoteBooks.Skip(1)).Select(b => b.Title)), "four works, the shared one once");
            Assert.That(result["federation"]!["approximate"]!.GetValue<bool>(), Is.True);
            Assert.That(result["federation"]!["localTotal"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(result["total"]!.GetValue<long>(), Is.EqualTo(4), "two local, three live, one of them held");
        });

        var shared = hits.Single(h => h["title"]!.GetValue<string>() == Shared.Title);
        var (status, _) = await app.GetJsonAsync($"/api/records/{Uri.EscapeDataString(shared["id"]!.GetValue<string>())}");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "the local work, with its record");
            Assert.That(shared["sources"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { Local, Live }));
            Assert.That(shared["live"], Is.Null, "held locally: not a live hit");
            Assert.That(shared["liveHoldings"]!.AsArray().Single()!["externalId"]!.GetValue<string>(), Is.EqualTo("remote-0002"));
        });

        foreach (var book in RemoteBooks.Skip(1))
        {
            var hit = hits.Single(h => h["title"]!.GetValue<string>() == book.Title);
            Assert.That(hit["live"]!.GetValue<string>(), Is.EqualTo(Live), book.Title);
            Assert.That(hit["sources"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { Live }));
        }

        // Neither side drowns the other: a live hit is among the first three of five.
        Assert.That(hits.Take(3).Any(h => h["live"] is not null), Is.True, string.Join(" | ", titles));

        // The same search again is answered from the brief cache.
        var again = await app.SearchAsync("kestrel");
        Assert.That(Target(again, Live)["cached"]!.GetValue<bool>(), Is.True, again.ToJsonString());

        // Usage: each search of everything is one automated search, and the live target that answered is a federated one.
        var usage = app.Services.GetRequiredService<Search.Api.Usage.UsageRecorder>();
        await usage.FlushAsync(CancellationToken.None);
        var events = await app.Services.GetRequiredService<Search.Api.Usage.UsageStore>()
            .ReadAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), null, CancellationToken.None);
        var searches = events.Where(e => e.Kind == Search.Api.Usage.UsageKinds.Search).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(searches.Count(e => e.Outcome == Search.Api.Usage.SearchModes.Automated && e.SearchedSources.Count == 0), Is.EqualTo(2));
            var federated = searches.Where(e => e.Outcome == Search.Api.Usage.SearchModes.Federated).ToList();
            Assert.That(federated, Has.Count.EqualTo(2), "one per search the target answered (the cached answer too: the user searched it)");
            Assert.That(federated.Select(e => string.Join(",", e.SearchedSources)), Is.All.EqualTo(Live));
        });
    }

    [Test]
    public async Task A_target_that_never_answers_is_a_timeout_and_the_local_hits_come_within_the_deadline()
    {
        await using var local = await ZebraServer.StartAsync(Collection(LocalBooks));
        using var silent = new SilentListener();
        using var app = new SearchApp(settings: new Dictionary<string, string?> { ["Search:Federation:Deadline"] = "00:00:01" });
        await app.PutSourceAsync(Local, "sru", Settings(local.BaseUrl));
        await app.HarvestAsync(Local);
        await PutLiveSourceAsync(app, "silent", silent.BaseUrl);

        var clock = Stopwatch.StartNew();
        var result = await app.SearchAsync("kestrel");
        clock.Stop();

        var target = Target(result, "silent");
        Assert.Multiple(() =>
        {
            Assert.That(target["status"]!.GetValue<string>(), Is.EqualTo("timeout"), result.ToJsonString());
            Assert.That(target["reason"]!.GetValue<string>(), Does.Contain("deadline"));
            Assert.That(SearchApp.HitTitles(result), Is.EquivalentTo(LocalBooks.Select(b => b.Title)));
            Assert.That(result["federation"]!["approximate"]!.GetValue<bool>(), Is.False, "no live total was added");
            Assert.That(result["total"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1 + 15)), "deadline plus a generous margin");
            Assert.That(silent.Accepted, Is.GreaterThan(0), "the target was asked");
        });
    }

    [Test]
    public async Task A_target_on_a_closed_port_is_failed_with_its_reason_and_the_local_hits_stay()
    {
        await using var local = await ZebraServer.StartAsync(Collection(LocalBooks));
        using var app = new SearchApp();
        await app.PutSourceAsync(Local, "sru", Settings(local.BaseUrl));
        await app.HarvestAsync(Local);
        await PutLiveSourceAsync(app, "closed", new Uri($"http://127.0.0.1:{PeerProcesses.FreePort().ToString(CultureInfo.InvariantCulture)}/Default"));

        var result = await app.SearchAsync("kestrel");

        var target = Target(result, "closed");
        Assert.Multiple(() =>
        {
            Assert.That(target["status"]!.GetValue<string>(), Is.EqualTo("failed"), result.ToJsonString());
            Assert.That(target["reason"]!.GetValue<string>(), Does.Contain("network error"));
            Assert.That(SearchApp.HitTitles(result), Is.EquivalentTo(LocalBooks.Select(b => b.Title)));
        });
    }

    [Test]
    public async Task A_query_with_a_field_no_common_CQL_context_set_has_skips_the_target_with_the_reason()
    {
        await using var remote = await ZebraServer.StartAsync(Collection(RemoteBooks));
        using var app = new SearchApp();
        await PutLiveSourceAsync(app, Live, remote.BaseUrl);

        var result = await app.SearchAsync("AF=某大学", "&syntax=expert");

        var target = Target(result, Live);
        Assert.Multiple(() =>
        {
            Assert.That(target["status"]!.GetValue<string>(), Is.EqualTo("skipped"), result.ToJsonString());
            Assert.That(target["reason"]!.GetValue<string>(), Does.Contain("AF"));
        });
    }

    [Test]
    public async Task Without_live_sources_the_answer_has_no_federation_object()
    {
        using var app = new SearchApp();
        var result = await app.SearchAsync("kestrel");
        Assert.That(result.ContainsKey("federation"), Is.False, result.ToJsonString());
    }

    [Test]
    public async Task Only_a_connector_with_live_search_can_be_marked_live()
    {
        using var app = new SearchApp();
        using var client = app.AdminClient();
        var response = await client.PutAsJsonAsync("/api/admin/sources/dump", new
        {
            name = "dump",
            connector = "file",
            settings = new { path = RepoPaths.DemoCsl, format = "oai-pmh" },
            live = true,
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("cannot search live"));
    }

    private static JsonObject Target(JsonObject result, string id) =>
        result["federation"]!["targets"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!.AsObject();

    private static object Settings(Uri baseUrl) =>
        new { baseUrl = baseUrl.ToString(), query = "cql.allRecords = 1", recordSchema = "marcxml", http = new { politenessDelaySeconds = 0 } };

    private static async Task<JsonObject> PutLiveSourceAsync(SearchApp app, string id, Uri baseUrl)
    {
        using var client = app.AdminClient();
        var response = await client.PutAsJsonAsync($"/api/admin/sources/{id}", new { name = id, connector = "sru", settings = Settings(baseUrl), live = true });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private sealed record Book(string ControlNumber, string Title, string Author, string Isbn, int Year);

    private static string Collection(IEnumerable<Book> books)
    {
        static string X(string s) => SecurityElement.Escape(s);
        var xml = new StringBuilder("<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n");
        foreach (var b in books)
        {
            var year = b.Year.ToString(CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture, $"""
                <record>
                  <leader>00000nam a2200000 i 4500</leader>
                  <controlfield tag="001">{b.ControlNumber}</controlfield>
                  <controlfield tag="008">200810s{year}    cc a   a      000 0 eng  </controlfield>
                  <datafield tag="020" ind1=" " ind2=" "><subfield code="a">{b.Isbn}</subfield></datafield>
                  <datafield tag="100" ind1="1" ind2=" "><subfield code="a">{X(b.Author)}</subfield></datafield>
                  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">{X(b.Title)}</subfield></datafield>
                  <datafield tag="264" ind1=" " ind2="1"><subfield code="b">科学出版社</subfield><subfield code="c">{year}</subfield></datafield>
                </record>

                """);
        }

        return xml.Append("</collection>\n").ToString();
    }

    /// <summary>A TCP listener on 127.0.0.1 that accepts connections and never sends a byte.</summary>
    private sealed class SilentListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _accepted;

        public SilentListener()
        {
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/Default");

        public int Accepted => Volatile.Read(ref _accepted);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                _accepting.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }

            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            // Bounded: a test makes a handful of connections at most.
            for (var i = 0; i < 100 && !_stop.IsCancellationRequested; i++)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (SocketException)
                {
                    return;
                }

                Interlocked.Increment(ref _accepted);
                lock (_clients)
                {
                    _clients.Add(client);
                }
            }
        }
    }
}
