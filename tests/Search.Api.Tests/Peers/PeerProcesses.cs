using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Search.Api.Tests.Peers;

/// <summary>What every real peer started by the tests needs: a free loopback port and a clean stop.</summary>
public static class PeerProcesses
{
    /// <summary>A port free on 127.0.0.1 now (a peer that loses the race retries with another).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Kills the process tree and waits (bounded) until it is reaped; disposes the process.</summary>
    public static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed but not reaped in time; nothing more can be done.
            }
        }
    }
}
