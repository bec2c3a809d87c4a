using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Hosting;

/// <summary>The OpenAPI description the engine serves names every route the engine maps, with its methods, and nothing else.</summary>
[TestFixture]
public partial class OpenApiTests
{
    [Test]
    public async Task The_description_lists_exactly_the_routes_that_exist()
    {
        using var app = new SearchApp();
        using var client = app.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var described = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();

        var sources = (IEnumerable<EndpointDataSource>)app.Services.GetService(typeof(IEnumerable<EndpointDataSource>))!;
        var mapped = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("/openapi/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(document["openapi"]!.GetValue<string>(), Does.StartWith("3."));
            Assert.That(mapped, Has.Count.GreaterThan(40), "the route table was read");
            Assert.That(mapped.Except(described), Is.Empty, "mapped but not described");
            Assert.That(described.Except(mapped), Is.Empty, "described but not mapped");
            Assert.That(described, Does.Contain("GET /api/records/{id}/cite").And.Contain("GET /api/search").And.Contain("GET /oai"));
        });
    }

    /// <summary>A route pattern as OpenAPI writes its path: leading slash, constraints and defaults dropped.</summary>
    private static string Normalize(string raw) =>
        "/" + Parameter().Replace(raw.TrimStart('/'), m => "{" + m.Groups[1].Value + "}");

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
