using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Browser;

/// <summary>
/// The search page in headless Debian Chromium (<c>/usr/bin/chromium</c>, never a downloaded browser) against
/// the engine on 127.0.0.1: a search shows hits, the expert box works, and the page logs no errors.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SearchPageTests
{
    private const string Chromium = "/usr/bin/chromium";
    private SearchApp _app = null!;
    private string _baseUrl = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Ignore("Debian chromium is not installed (scripts/install-test-deps installs it).");
        }

        _app = new SearchApp();
        _app.UseKestrel(0);
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal) || a.StartsWith("http://localhost", StringComparison.Ordinal));
        await _app.PutSourceAsync("csl", "file", new { path = RepoPaths.DemoCsl, format = "oai-pmh" }, "CSL 样本");
        await _app.HarvestAsync("csl");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _app?.Dispose();
    }

    [Test]
    public async Task A_search_shows_results_and_the_expert_box_narrows_them_without_console_errors()
    {
        var page = await _browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(_baseUrl + "/?q=" + Uri.EscapeDataString("研究"));
        await page.WaitForSelectorAsync("#hits li", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.That(await page.Locator("#hits li").CountAsync(), Is.EqualTo(20));
        Assert.That(await page.Locator("#status").TextContentAsync(), Does.StartWith("共找到"));
        Assert.That(await page.Locator("#hits li em").CountAsync(), Is.GreaterThan(0), "highlighted matches");
        Assert.That(await page.Locator("#hits li .fulltext, #hits li .fulltext-denied").CountAsync(), Is.EqualTo(20), "every hit says whether its full text can be had");

        await page.SelectOptionAsync("#syntax", "expert");
        Assert.That(await page.Locator("#expert-help").IsVisibleAsync(), Is.True);
        await page.FillAsync("#q", "TI=基于*TI=模型");
        await page.ClickAsync("#search-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('共找到 10 ')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.That(await page.Locator("#hits li").CountAsync(), Is.EqualTo(10));

        await page.FillAsync("#q", "TI=(基于");
        await page.ClickAsync("#search-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('status').classList.contains('error')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.That(await page.Locator("#status").TextContentAsync(), Does.Contain("第 7 个字符处"), "the end of TI=(基于, where the ) is missing");

        Assert.That(errors.Where(e => !e.Contains("400", StringComparison.Ordinal)), Is.Empty, "console errors (the deliberate 400 aside)");
    }

    [Test]
    public async Task A_reader_logs_in_with_a_personal_account_and_out_again()
    {
        using (var admin = _app.AdminClient())
        {
            var put = await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(
                admin, "/api/admin/accounts/reader01", new { password = "读者-secret-1", validFrom = "2020-01-01T00:00:00Z", validTo = "2100-01-01T00:00:00Z", disabled = false });
            Assert.That(put.IsSuccessStatusCode, Is.True, await put.Content.ReadAsStringAsync());
        }

        var page = await _browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(_baseUrl + "/?q=" + Uri.EscapeDataString("研究"));
        await page.WaitForSelectorAsync("#hits li", new PageWaitForSelectorOptions { Timeout = 30_000 });

        await page.FillAsync("#login-user", "reader01");
        await page.FillAsync("#login-password", "读者-secret-1");
        await page.ClickAsync("#login-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('who').textContent.includes('reader01')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.That(await page.Locator("#logout").IsVisibleAsync(), Is.True);

        await page.ClickAsync("#logout");
        await page.WaitForFunctionAsync("() => !document.getElementById('who').textContent.includes('reader01')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.That(await page.Locator("#login-form").IsVisibleAsync(), Is.True);
        Assert.That(errors, Is.Empty);
    }
}
