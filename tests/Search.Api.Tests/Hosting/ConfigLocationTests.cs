using Search.Api.Hosting;

namespace Search.Api.Tests.Hosting;

/// <summary>Where the engine finds its configuration when started the .NET way (<c>dotnet run --project src/Search.Api</c>).</summary>
[TestFixture]
public class ConfigLocationTests
{
    private string _root = null!;

    [SetUp]
    public void MakeTree()
    {
        _root = Path.Combine(Path.GetTempPath(), "config-location-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_root, "repo", "config", "sources"));
        Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "Search.Api", "bin", "Debug"));
        Directory.CreateDirectory(Path.Combine(_root, "elsewhere"));
        File.WriteAllText(Path.Combine(_root, "repo", "Search.sln"), "");
    }

    [TearDown]
    public void RemoveTree() => Directory.Delete(_root, recursive: true);

    [Test]
    public void From_the_project_folder_the_repositorys_config_is_found_above_the_binaries()
    {
        var found = ConfigLocation.Resolve(null, Path.Combine(_root, "repo", "src", "Search.Api"), Path.Combine(_root, "repo", "src", "Search.Api", "bin", "Debug"));
        Assert.That(found, Is.EqualTo(Path.Combine(_root, "repo", "config")));
    }

    [Test]
    public void The_working_directorys_config_comes_first()
    {
        Directory.CreateDirectory(Path.Combine(_root, "elsewhere", "config", "sources"));
        var found = ConfigLocation.Resolve(null, Path.Combine(_root, "elsewhere"), Path.Combine(_root, "repo", "src", "Search.Api", "bin", "Debug"));
        Assert.That(found, Is.EqualTo(Path.Combine(_root, "elsewhere", "config")));
    }

    [Test]
    public void No_configuration_anywhere_stops_the_start_naming_where_it_looked()
    {
        var binaries = Path.Combine(_root, "elsewhere", "bin");
        Directory.CreateDirectory(binaries);
        var error = Assert.Throws<InvalidOperationException>(() => ConfigLocation.Resolve(null, Path.Combine(_root, "elsewhere"), binaries))!;
        Assert.That(error.Message, Does.Contain(Path.Combine(_root, "elsewhere", "config")).And.Contain("Search__ConfigDirectory"));
    }

    [Test]
    public void A_named_folder_that_does_not_exist_is_an_error_not_an_empty_engine()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigLocation.Resolve("no-such-config", Path.Combine(_root, "elsewhere"), _root))!;
        Assert.That(error.Message, Does.Contain(Path.Combine(_root, "elsewhere", "no-such-config")));
    }

    [Test]
    public void A_relative_data_folder_sits_beside_the_configuration()
    {
        var options = new SearchHostOptions { ConfigDirectory = Path.Combine(_root, "repo", "config"), DataDirectory = "data" };
        Assert.That(options.ResolvedDataDirectory, Is.EqualTo(Path.Combine(_root, "repo", "data")));
    }
}
