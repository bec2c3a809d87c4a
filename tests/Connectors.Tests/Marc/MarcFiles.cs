namespace Search.Connectors.Tests.Marc;

internal static class MarcFiles
{
    /// <summary>A file of tests/TestData/marc-iso2709, as copied next to the test assembly.</summary>
    public static string Path(string name) =>
        System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "marc-iso2709", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
