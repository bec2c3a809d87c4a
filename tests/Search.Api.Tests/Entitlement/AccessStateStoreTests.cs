using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Search.Api.Accounts;
using Search.Api.Entitlement;
using Search.Api.Tests.Support;
using Search.Ingestion.Storage;

namespace Search.Api.Tests.Entitlement;

/// <summary>
/// Sessions, seats, download budgets and login failures in the database, on SQLite and on PostgreSQL. A
/// second store on the same database stands for a second process (or the same one after a restart); each
/// test owns its database and its clock.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
[NonParallelizable]
public class AccessStateStoreTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);
    private TestDatabase _db = null!;
    private FakeTimeProvider _time = null!;
    private IOptions<AccessOptions> _options = null!;

    [SetUp]
    public async Task Open()
    {
        _time = new FakeTimeProvider(Start);
        _db = await TestDatabase.MigratedAsync(provider, _time);
        _options = Options.Create(new AccessOptions { SessionIdleTimeout = Idle });
    }

    [TearDown]
    public void Close() => _db.Dispose();

    private SessionStore Sessions() => new(_db.Database, _time, _options);

    [Test]
    public async Task A_session_is_found_by_its_cookie_from_another_store_and_only_its_hash_is_stored()
    {
        var started = await Sessions().StartAsync("reader", default);
        var found = await Sessions().TouchAsync(started.Token, default);
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(async () =>
        {
            Assert.That(found!.Id, Is.EqualTo(started.Id));
            Assert.That(found.Account, Is.EqualTo("reader"));
            Assert.That(await Sessions().TouchAsync(started.Token + "x", default), Is.Null, "another token");
            Assert.That(await Sessions().TouchAsync(null, default), Is.Null);
            await using var c = await _db.Database.OpenAsync();
            var stored = (await c.QueryAsync<string>("SELECT token_hash FROM access_sessions")).Single();
            Assert.That(stored, Is.Not.EqualTo(started.Token).And.Length.EqualTo(64), "the SHA-256 of the secret, never the secret");
        });
    }

    [Test]
    public async Task A_session_ends_after_the_idle_timeout_by_the_injected_clock()
    {
        var store = Sessions();
        var session = await store.StartAsync("reader", default);
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.That(await Sessions().TouchAsync(session.Token, default), Is.Not.Null, "idle for less than the timeout");
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.That(await Sessions().TouchAsync(session.Token, default), Is.Not.Null, "the touch restarted the idle time");
        _time.Advance(Idle);
        Assert.That(await Sessions().TouchAsync(session.Token, default), Is.Null, "idle for the whole timeout");
        await using var c = await _db.Database.OpenAsync();
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_sessions"), Is.Zero, "the expired session was ended");
    }

    [Test]
    public async Task An_anonymous_session_writes_nothing_and_its_signed_cookie_carries_its_idle_time()
    {
        var session = await Sessions().StartAsync(null, default);
        _time.Advance(TimeSpan.FromSeconds(3));
        var soon = await Sessions().TouchAsync(session.Token, default);
        _time.Advance(Idle - TimeSpan.FromSeconds(4));
        var later = await Sessions().TouchAsync(soon!.Token, default);
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        var last = await Sessions().TouchAsync(later!.Token, default);
        Assert.Multiple(async () =>
        {
            Assert.That(soon.Id, Is.EqualTo(session.Id), "another store knows the cookie");
            Assert.That(soon.Token, Is.EqualTo(session.Token), "seen a moment ago: the cookie stays as it is");
            Assert.That(later.Id, Is.EqualTo(session.Id));
            Assert.That(later.Token, Is.Not.EqualTo(session.Token), "signed again with the later moment");
            Assert.That(last?.Id, Is.EqualTo(session.Id), "the later moment restarted the idle time");
            Assert.That(await Sessions().TouchAsync(session.Token, default), Is.Null, "the first cookie is idle for longer than the timeout");
            await using var c = await _db.Database.OpenAsync();
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM access_sessions"), Is.Zero, "no row for a session without a seat");
        });

        _time.Advance(Idle);
        Assert.That(await Sessions().TouchAsync(last!.Token, default), Is.Null, "idle for the whole timeout");
    }

    [Test]
    public async Task A_signed_cookie_that_was_altered_or_signed_with_another_key_is_no_session()
    {
        var session = await Sessions().StartAsync(null, default);
        var parts = session.Token.Split('.');
        using var elsewhere = await TestDatabase.MigratedAsync(provider, _time);
        var foreign = await new SessionStore(elsewhere.Database, _time, _options).StartAsync(null, default);
        Assert.Multiple(async () =>
        {
            Assert.That(parts, Has.Length.EqualTo(4));
            Assert.That(await Sessions().TouchAsync(session.Token, default), Is.Not.Null);
            Assert.That(await Sessions().TouchAsync(string.Join('.', parts[0], "0123456789abcdef", parts[2], parts[3]), default), Is.Null, "another id");
            Assert.That(await Sessions().TouchAsync(string.Join('.', parts[0], parts[1], (long.Parse(parts[2]) + 600).ToString(), parts[3]), default), Is.Null, "a later moment");
            Assert.That(await Sessions().TouchAsync(string.Join('.', parts[0], parts[1], parts[2], parts[3][..^1] + (parts[3][^1] == 'A' ? 'B' : 'A')), default), Is.Null, "another MAC");
            Assert.That(await Sessions().TouchAsync(session.Token + ".x", default), Is.Null);
            Assert.That(await Sessions().TouchAsync(foreign.Token, default), Is.Null, "signed with another platform's key");
        });
    }

    [Test]
    public async Task An_anonymous_session_is_stored_when_it_takes_a_seat_and_an_ended_one_stays_ended()
    {
        var holder = await Sessions().StartAsync(null, default);
        Assert.That(await Sessions().TryTakeSeatAsync("sub", 1, holder, default), Is.True);
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.That(await Sessions().TouchAsync(holder.Token, default), Is.Not.Null, "the stored row keeps it");
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.Multiple(async () =>
        {
            Assert.That(await Sessions().TouchAsync(holder.Token, default), Is.Not.Null, "the row's last request counts, not the cookie's moment");
            Assert.That((await Sessions().SeatsAsync(["sub"], holder, default))["sub"], Is.EqualTo(new SeatState(1, true)));
        });

        var replaced = await Sessions().StartAsync(null, default);
        await Sessions().EndAsync(holder, default);
        await Sessions().EndAsync(replaced, default);
        Assert.Multiple(async () =>
        {
            Assert.That(await Sessions().TouchAsync(holder.Token, default), Is.Null, "ended with its seat");
            Assert.That(await Sessions().TouchAsync(replaced.Token, default), Is.Null, "ended before it was ever stored");
            Assert.That(await Sessions().SeatsAsync(["sub"], null, default), Is.Empty);
        });
    }

    [Test]
    public async Task Seats_are_shared_by_every_store_and_a_logout_frees_one_at_once()
    {
        var first = Sessions();
        var second = Sessions();
        var a = await first.StartAsync(null, default);
        var b = await second.StartAsync(null, default);
        var c = await first.StartAsync(null, default);
        Assert.Multiple(async () =>
        {
            Assert.That(await first.TryTakeSeatAsync("sub", 2, a, default), Is.True);
            Assert.That(await second.TryTakeSeatAsync("sub", 2, b, default), Is.True);
            Assert.That(await second.TryTakeSeatAsync("sub", 2, a, default), Is.True, "a holder keeps its seat, whichever store asks");
            Assert.That(await first.TryTakeSeatAsync("sub", 2, c, default), Is.False, "both seats are taken");
            Assert.That(await second.TryTakeSeatAsync("other", 1, c, default), Is.True, "seats are per subscription");
        });

        var seen = await Sessions().SeatsAsync(["sub", "other", "none"], a, default);
        Assert.That(seen, Is.EquivalentTo(new Dictionary<string, SeatState> { ["sub"] = new(2, true), ["other"] = new(1, false) }));

        await second.EndAsync(a, default);
        Assert.That(await first.TryTakeSeatAsync("sub", 2, c, default), Is.True, "the logout freed a seat at once");
        Assert.That(await Sessions().TouchAsync(a.Token, default), Is.Null, "the ended session is gone");
    }

    [Test]
    public async Task A_seat_is_free_once_its_holder_is_idle_and_a_holders_every_request_keeps_it()
    {
        var store = Sessions();
        var holder = await store.StartAsync(null, default);
        var waiting = await store.StartAsync(null, default);
        Assert.That(await store.TryTakeSeatAsync("sub", 1, holder, default), Is.True);

        // Requests a few seconds apart: each one counts for a holder, however soon after the last.
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.That(await Sessions().TouchAsync(holder.Token, default), Is.Not.Null);
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.Multiple(async () =>
        {
            Assert.That(await Sessions().TouchAsync(waiting.Token, default), Is.Null, "the waiting one, idle all along, ended");
            Assert.That((await Sessions().SeatsAsync(["sub"], null, default))["sub"].InUse, Is.EqualTo(1), "the holder's last request was less than the timeout ago");
        });

        var next = await store.StartAsync(null, default);
        Assert.That(await store.TryTakeSeatAsync("sub", 1, next, default), Is.False);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Multiple(async () =>
        {
            Assert.That(await Sessions().SeatsAsync(["sub"], null, default), Is.Empty, "the holder has been idle for the timeout");
            Assert.That(await store.TryTakeSeatAsync("sub", 1, next, default), Is.True);
        });
    }

    [Test]
    public async Task Concurrent_requests_of_two_stores_never_take_more_seats_than_there_are()
    {
        var stores = new[] { Sessions(), Sessions() };
        var sessions = new List<AccessSession>();
        for (var i = 0; i < 24; i++)
        {
            sessions.Add(await stores[i % 2].StartAsync(null, default));
        }

        var taken = await Task.WhenAll(sessions.Select((s, i) => Task.Run(() => stores[i % 2].TryTakeSeatAsync("sub", 3, s, default))));
        Assert.That(taken.Count(t => t), Is.EqualTo(3));
        Assert.That((await Sessions().SeatsAsync(["sub"], null, default))["sub"].InUse, Is.EqualTo(3));
    }

    [Test]
    public async Task A_download_budget_counts_in_a_sliding_window_for_every_store()
    {
        var window = TimeSpan.FromHours(1);
        var one = new DownloadEvents(_db.Database, _time);
        var other = new DownloadEvents(_db.Database, _time);
        Assert.That(await one.TryAddAsync("account:a", window, 3, default), Is.True);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await other.TryAddAsync("account:a", window, 3, default), Is.True);
        Assert.That(await one.TryAddAsync("account:a", window, 3, default), Is.True);
        Assert.Multiple(async () =>
        {
            Assert.That(await other.TryAddAsync("account:a", window, 3, default), Is.False, "the budget is spent, whichever store spent it");
            Assert.That(await other.TryAddAsync("account:b", window, 3, default), Is.True, "another key");
            Assert.That(await other.TryAddAsync("account:a", window, 0, default), Is.True, "0 = no limit");
            Assert.That(await one.CountAsync("account:a", window, default), Is.EqualTo(new WindowCount(4, Start + window)), "the oldest leaves the window an hour after it came");
        });

        _time.Advance(TimeSpan.FromMinutes(50));
        Assert.Multiple(async () =>
        {
            Assert.That((await one.CountAsync("account:a", window, default)).Count, Is.EqualTo(3), "the first download left the window");
            Assert.That(await one.CountAsync("nobody", window, default), Is.EqualTo(default(WindowCount)));
        });
    }

    [Test]
    public async Task Concurrent_downloads_of_two_stores_never_spend_more_than_the_budget()
    {
        var stores = new[] { new DownloadEvents(_db.Database, _time), new DownloadEvents(_db.Database, _time) };
        var added = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => stores[i % 2].TryAddAsync("institution:x", TimeSpan.FromHours(1), 5, default))));
        Assert.That(added.Count(a => a), Is.EqualTo(5));
    }

    [Test]
    public async Task Failed_logins_counted_by_one_throttle_block_the_other_until_the_window_passes()
    {
        var options = Options.Create(new AccessOptions { LoginThrottle = { MaxFailuresPerUser = 3, MaxFailuresPerAddress = 5, Window = TimeSpan.FromMinutes(15) } });
        var one = new LoginThrottle(new LoginFailures(_db.Database, _time), _time, options);
        var other = new LoginThrottle(new LoginFailures(_db.Database, _time), _time, options);
        var address = System.Net.IPAddress.Parse("8.8.8.8");
        await one.FailedAsync("Target", address, default);
        _time.Advance(TimeSpan.FromMinutes(1));
        await one.FailedAsync("target", address, default);
        Assert.That(await other.BlockedAsync("target", address, default), Is.Null, "two failures");
        await one.FailedAsync("TARGET", null, default);
        Assert.Multiple(async () =>
        {
            Assert.That(await other.BlockedAsync("target", null, default), Is.EqualTo(TimeSpan.FromMinutes(14)), "user names fold case; the oldest failure leaves in 14 minutes");
            Assert.That(await other.BlockedAsync("someone", address, default), Is.Null, "the address has two failures of five");
        });

        await other.SucceededAsync("target", null, default);
        Assert.That(await one.BlockedAsync("target", null, default), Is.Null, "a success clears the user's failures");

        await other.FailedAsync("someone", address, default);
        await other.FailedAsync("else", address, default);
        await other.FailedAsync("more", address, default);
        Assert.That(await one.BlockedAsync("fresh", address, default), Is.EqualTo(TimeSpan.FromMinutes(14)), "five failures from the address");
        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.That(await one.BlockedAsync("fresh", address, default), Is.Null, "the oldest left the window");
    }

    [Test]
    public async Task A_change_made_through_one_catalog_is_seen_by_the_others_refresh()
    {
        var store = new EntitlementStore(_db.Database, _time);
        using var here = new EntitlementCatalog(store, _db.Database);
        using var there = new EntitlementCatalog(new EntitlementStore(_db.Database, _time), _db.Database);
        await here.ReloadAsync(default);
        await there.ReloadAsync(default);
        Assert.That(await there.RefreshAsync(default), Is.False, "nothing changed");
        await here.ChangeAsync(_ => store.UpsertPackageAsync(new Package("p", "包", ["alpha"]), default), default);
        Assert.That(there.Current.Packages.ContainsKey("p"), Is.False);
        Assert.That(await there.RefreshAsync(default), Is.True);
        Assert.That(there.Current.Packages["p"], Is.EquivalentTo(new[] { "alpha" }));
        Assert.That(there.Version, Is.EqualTo(here.Version));
    }
}
