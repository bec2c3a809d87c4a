using System.Text.Json;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Tests.Fakes;

public static class TestFiles
{
    /// <summary>A file of tests/TestData/oai-pmh, as copied next to the test assembly.</summary>
    public static string Data(params string[] parts) =>
        Path.Combine([TestContext.CurrentContext.TestDirectory, "TestData", "oai-pmh", .. parts]);

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static async Task<List<HarvestBatch>> CollectAsync(IAsyncEnumerable<HarvestBatch> batches)
    {
        var list = new List<HarvestBatch>();
        await foreach (var batch in batches)
        {
            list.Add(batch);
        }

        return list;
    }
}
