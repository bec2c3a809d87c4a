using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Search.Api.Entitlement;
using Search.Indexer.Search;

namespace Search.Api.Tests.Entitlement;

public class AccessJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(AccessJson.AddAccessProperty),
    };

    [Test]
    public void Hits_with_a_decision_carry_it_and_others_do_not()
    {
        var decided = new SearchHit("a", "湖北", [], 2020, "journal-article", ["alpha"], new Dictionary<string, string> { ["title"] = "<em>湖北</em>" });
        var undecided = decided with { Id = "b" };
        AccessJson.Attach(decided, "no_license");
        var json = JsonSerializer.SerializeToNode(new[] { decided, undecided }, Options)!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(json[0]!["access"]!["fulltext"]!.GetValue<string>(), Is.EqualTo("no_license"));
            Assert.That(json[0]!["highlights"]!["title"]!.GetValue<string>(), Is.EqualTo("<em>湖北</em>"));
            Assert.That(json[1]!.AsObject().ContainsKey("access"), Is.False);
        });
    }

    [TestCase("202.114.0.0/16", "202.114.0.0/16")]
    [TestCase("2001:DA8:2000::/48", "2001:da8:2000::/48")]
    [TestCase("10.0.0.1", "10.0.0.1/32")]
    [TestCase("::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104")]
    public void Ranges_parse_to_canonical_text(string text, string canonical)
    {
        Assert.That(IpRange.TryParse(text, out var range, out var problem), Is.True, problem);
        Assert.That(range.Text, Is.EqualTo(canonical));
    }

    [TestCase("202.114.0.0/33")]
    [TestCase("202.114.1.0/16")]
    [TestCase("campus")]
    [TestCase("2001:da8::/129")]
    public void Bad_ranges_are_refused_with_a_reason(string text)
    {
        Assert.That(IpRange.TryParse(text, out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain(text));
    }

    [Test]
    public void A_v4_range_written_as_mapped_v6_overlaps_the_v4_range()
    {
        Assert.That(IpRange.TryParse("10.0.0.0/8", out var v4, out _) && IpRange.TryParse("::ffff:10.1.0.0/112", out var mapped, out _) && v4.Overlaps(mapped), Is.True);
    }
}
