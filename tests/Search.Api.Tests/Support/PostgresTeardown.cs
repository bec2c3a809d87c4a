using Search.Ingestion.Tests.Storage;

namespace Search.Api.Tests;

/// <summary>Stops the shared PostgreSQL cluster after the last test of any namespace that started it.</summary>
[SetUpFixture]
public sealed class PostgresTeardown
{
    [OneTimeTearDown]
    public void StopServer()
    {
        if (PostgresServer.Started)
        {
            PostgresServer.Shared.Dispose();
        }
    }
}
