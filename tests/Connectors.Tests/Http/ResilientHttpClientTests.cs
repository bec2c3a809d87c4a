using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.Http;
using Search.Connectors.Tests.Fakes;
using static Search.Connectors.Tests.Fakes.TestFiles;

namespace Search.Connectors.Tests.Http;

public class ResilientHttpClientTests
{
    private static readonly Uri Address = new("http://partner.test/api?q=1");

    private ReplayHandler _handler = null!;
    private HttpClient _httpClient = null!;
    private FakeClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _handler = new ReplayHandler();
        _httpClient = new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan };
        _clock = new FakeClock();
    }

    [TearDown]
    public void TearDown()
    {
        _httpClient.Dispose();
        _handler.Dispose();
    }

    private static HttpPolicy Policy(int attempts = 3, double timeoutSeconds = 86400, double politeness = 0) =>
        new(TimeSpan.FromSeconds(timeoutSeconds), attempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(politeness));

    private ResilientHttpClient Client(HttpPolicy policy) => new(_httpClient, _clock, policy, new Random(7));

    private static Task<string> ReadText(HttpResponseMessage response, Stream body, CancellationToken ct) =>
        new StreamReader(body).ReadToEndAsync(ct);

    [Test]
    public async Task Backs_off_exponentially_with_jitter_until_success()
    {
        _handler.Sequence(
            "q=1",
            ReplayHandler.Status(HttpStatusCode.BadGateway),
            ReplayHandler.Status(HttpStatusCode.ServiceUnavailable),
            ReplayHandler.Status(HttpStatusCode.InternalServerError),
            ReplayHandler.Xml("done"));

        var text = await Client(Policy(attempts: 4)).GetAsync(Address, ReadText, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("done"));
            Assert.That(_handler.Requests, Has.Count.EqualTo(4));
            Assert.That(_clock.Fired, Has.Count.EqualTo(3));
            Assert.That(_clock.Fired[0], Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
            Assert.That(_clock.Fired[1], Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
            Assert.That(_clock.Fired[2], Is.InRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));
        });
    }

    [Test]
    public void Gives_up_after_the_last_attempt_naming_status_and_url_without_secrets()
    {
        var secretUrl = new Uri("https://reader:hunter2@partner.test/oai?verb=ListRecords&apikey=s3cr3t&resumptionToken=abc");
        _handler.Sequence("verb=ListRecords&apikey=s3cr3t&resumptionToken=abc", ReplayHandler.Status(HttpStatusCode.ServiceUnavailable));

        var ex = Assert.ThrowsAsync<ConnectorException>(() => Client(Policy(attempts: 3)).GetAsync(secretUrl, ReadText, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("after 3 attempts").And.Contain("HTTP 503"));
            Assert.That(ex.Message, Does.Contain("partner.test/oai?verb=ListRecords&apikey=***&resumptionToken=abc"));
            Assert.That(ex.Message, Does.Not.Contain("s3cr3t").And.Not.Contain("hunter2").And.Not.Contain("reader"));
            Assert.That(_handler.Requests, Has.Count.EqualTo(3));
        });
    }

    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.BadRequest)]
    public void Client_errors_are_not_retried(HttpStatusCode status)
    {
        _handler.Sequence("q=1", ReplayHandler.Status(status));

        var ex = Assert.ThrowsAsync<ConnectorException>(() => Client(Policy()).GetAsync(Address, ReadText, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain($"HTTP {(int)status}"));
            Assert.That(_handler.Requests, Has.Count.EqualTo(1));
            Assert.That(_clock.Fired, Is.Empty);
        });
    }

    [Test]
    public async Task A_timed_out_attempt_is_retried()
    {
        _handler.Sequence("q=1", ReplayHandler.Hang(), ReplayHandler.Xml("late but fine"));
        // Only the first attempt's 30 s time limit fires; later ones never do.
        var timeouts = 0;
        _clock.ShouldFire = due => due != TimeSpan.FromSeconds(30) || Interlocked.Increment(ref timeouts) == 1;

        var text = await Client(Policy(timeoutSeconds: 30)).GetAsync(Address, ReadText, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("late but fine"));
            Assert.That(_handler.Requests, Has.Count.EqualTo(2));
            Assert.That(_clock.Fired[0], Is.EqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public void Time_outs_until_the_last_attempt_say_so()
    {
        _handler.Sequence("q=1", ReplayHandler.Hang());

        var ex = Assert.ThrowsAsync<ConnectorException>(() => Client(Policy(attempts: 2, timeoutSeconds: 30)).GetAsync(Address, ReadText, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("after 2 attempts").And.Contain("no complete answer within 30 s"));
    }

    [Test]
    public async Task Network_errors_are_retried()
    {
        var calls = 0;
        _handler.Sequence("q=1", (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new HttpRequestException("connection refused")
            : ReplayHandler.Xml("back")(null!, default));

        var text = await Client(Policy()).GetAsync(Address, ReadText, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("back"));
            Assert.That(calls, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_retry_after_longer_than_the_policy_allows_stops_at_once()
    {
        _handler.Sequence("q=1", ReplayHandler.Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2))));

        var ex = Assert.ThrowsAsync<ConnectorException>(() => Client(Policy()).GetAsync(Address, ReadText, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("HTTP 429").And.Contain("7200 s"));
            Assert.That(_handler.Requests, Has.Count.EqualTo(1));
            Assert.That(_clock.Fired, Is.Empty);
        });
    }

    [Test]
    public async Task Unreadable_answers_are_retried()
    {
        _handler.Sequence("q=1", ReplayHandler.Xml("garbage"), ReplayHandler.Xml("good"));

        var text = await Client(Policy()).GetAsync(
            Address,
            async (r, body, ct) =>
            {
                var read = await ReadText(r, body, ct);
                return read == "good" ? read : throw new UnreadableResponseException("not good");
            },
            CancellationToken.None);

        Assert.That(text, Is.EqualTo("good"));
    }

    [Test]
    public void Caller_cancellation_is_not_retried()
    {
        _handler.Sequence("q=1", ReplayHandler.Hang());
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => Client(Policy()).GetAsync(Address, ReadText, cts.Token));
    }

    [Test]
    public void Policy_is_read_from_the_http_settings_object()
    {
        var problems = new List<string>();

        var policy = HttpPolicy.FromSettings(
            Json("{\"http\": {\"timeoutSeconds\": 30, \"maxAttempts\": 2, \"baseDelaySeconds\": 0.5, \"maxDelaySeconds\": 10, \"politenessDelaySeconds\": 0}}"),
            problems);

        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(policy, Is.EqualTo(new HttpPolicy(TimeSpan.FromSeconds(30), 2, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10), TimeSpan.Zero)));
            Assert.That(HttpPolicy.FromSettings(Json("{}"), problems), Is.EqualTo(HttpPolicy.Default));
        });
    }

    [Test]
    public void Policy_problems_are_reported()
    {
        var problems = new List<string>();

        HttpPolicy.FromSettings(Json("{\"http\": {\"maxAttempts\": \"many\", \"baseDelaySeconds\": 20, \"maxDelaySeconds\": 5}}"), problems);
        HttpPolicy.FromSettings(Json("{\"http\": 3}"), problems);

        Assert.That(problems, Has.Count.EqualTo(3));
    }

    [TestCase("http://u:p@x.test/a?token=1&b=2", "http://x.test/a?token=***&b=2")]
    [TestCase("https://x.test/oai?verb=ListRecords&resumptionToken=a%2Fb", "https://x.test/oai?verb=ListRecords&resumptionToken=a%2Fb")]
    [TestCase("https://x.test/search?PASSWORD=x", "https://x.test/search?PASSWORD=***")]
    public void Redacts_secrets_from_urls(string url, string expected)
    {
        Assert.That(ResilientHttpClient.RedactUrl(new Uri(url)), Is.EqualTo(expected));
    }
}
