using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Search.Api.Entitlement;

namespace Search.Api.Tests.Entitlement;

public class AccessJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Test]
    public void Each_hit_gets_its_decision_and_everything_else_is_kept()
    {
        var json = """
            {"total":2,"hits":[{"id":"a","title":"湖北 \"引号\" \u0001","highlights":{"title":"<em>湖北</em>"},"extra":[1,2.5,true,null,{"hits":[]}]},
            {"id":"b","sources":["x"]}],"facets":{"type":[{"value":"v","count":1}]},"more":{"hits":[{"id":"not-a-hit"}]}}
            """;
        var output = AccessJson.AddToHits(Encoding.UTF8.GetBytes(json), ["available", "no_license"], Options);
        var expected = JsonNode.Parse(json)!;
        expected["hits"]![0]!["access"] = new JsonObject { ["fulltext"] = "available" };
        expected["hits"]![1]!["access"] = new JsonObject { ["fulltext"] = "no_license" };
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(output), expected), Is.True, Encoding.UTF8.GetString(output));
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
