using System.Diagnostics;
using System.Text;
using Search.Api.Tests.Peers;

namespace Search.Api.Tests.Sru;

/// <summary>
/// Index Data's <c>yaz-client</c> (Debian <c>yaz</c>, see scripts/install-test-deps) driven through its standard
/// input: the commands are written, then <c>quit</c>, and its whole output is read (bounded by a timeout).
/// </summary>
public static class YazClient
{
    public static async Task<string> RunAsync(IEnumerable<string> commands, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("yaz-client")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Cannot run yaz-client (run scripts/install-test-deps).", e);
        }

        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            foreach (var command in commands.Append("quit"))
            {
                await process.StandardInput.WriteLineAsync(command);
            }

            process.StandardInput.Close();
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            return await output + await errors;
        }
        finally
        {
            await PeerProcesses.StopAsync(process);
        }
    }

    /// <summary>The counts yaz prints after each <c>find</c>, in order.</summary>
    public static IReadOnlyList<long> Hits(string output) =>
        output.Split('\n')
            .Where(l => l.Contains("Number of hits:", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
