using System.Net;
using System.Text;

namespace Search.Connectors.Tests.Fakes;

/// <summary>
/// A fake OAI-PMH partner: answers by the request's query string (parameters compared decoded and in any order),
/// with recorded files or scripted answers. Unknown queries get a 404. Every query asked is recorded.
/// </summary>
public sealed class ReplayHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>>> _routes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<string> _requests = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int CountRequests(string query)
    {
        var key = Normalize(query);
        return Requests.Count(r => r == key);
    }

    /// <summary>Answers <paramref name="query"/> with the file's bytes, every time.</summary>
    public ReplayHandler File(string query, string path) => Sequence(query, Ok(path));

    /// <summary>Answers <paramref name="query"/> with these answers in turn; the last one repeats.</summary>
    public ReplayHandler Sequence(string query, params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] answers)
    {
        _routes[Normalize(query)] = new Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>>(answers);
        return this;
    }

    /// <summary>Adds the routes of a pyoai <c>mapping.txt</c> (query line, then file line).</summary>
    public ReplayHandler Mapping(string mappingFile)
    {
        var lines = System.IO.File.ReadAllLines(mappingFile).Where(l => l.Trim().Length > 0).ToArray();
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            File(lines[i].Trim(), Path.Combine(Path.GetDirectoryName(mappingFile)!, lines[i + 1].Trim()));
        }

        return this;
    }

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Ok(string path) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(System.IO.File.ReadAllBytes(path)),
        });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Xml(string xml) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(xml)),
        });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status, Action<HttpResponseMessage>? configure = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("busy") };
            configure?.Invoke(response);
            return Task.FromResult(response);
        };

    /// <summary>Never answers: waits until the request is cancelled (by its time limit).</summary>
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

    public static string Normalize(string query) =>
        string.Join('&', query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                return eq < 0
                    ? (Name: Uri.UnescapeDataString(p), Value: string.Empty)
                    : (Name: Uri.UnescapeDataString(p[..eq]), Value: Uri.UnescapeDataString(p[(eq + 1)..]));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = Normalize(request.RequestUri!.Query);
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? answer = null;
        lock (_gate)
        {
            _requests.Add(key);
            if (_routes.TryGetValue(key, out var queue))
            {
                answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
            }
        }

        return answer is null
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"no route for {key}") })
            : answer(request, cancellationToken);
    }
}
