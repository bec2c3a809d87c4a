using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Search.Api.Tests.Peers;

/// <summary>An answer of <see cref="FixtureHttpServer"/>.</summary>
public sealed record FixtureResponse(int Status, string ContentType, byte[] Body)
{
    public static FixtureResponse Text(string text, string contentType, int status = 200) =>
        new(status, contentType, Encoding.UTF8.GetBytes(text));

    public static FixtureResponse NotFound { get; } = Text("not found", "text/plain; charset=utf-8", 404);
}

/// <summary>
/// A small web server on 127.0.0.1 (a free port) for partners that are web sites or web services: it serves the
/// files of a folder (the standards catalogue pages) and answers paths given to <see cref="Map"/> with code
/// (the JSON API). It keeps the requests it got, so tests can check what a connector sent.
/// </summary>
public sealed class FixtureHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerRequest, FixtureResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Url, IReadOnlyDictionary<string, string> Headers)> _requests = new();
    private readonly string? _root;
    private readonly Task _loop;

    private FixtureHttpServer(string? root, int port)
    {
        _root = root;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>The requests served so far, in order: path and query, and the request headers.</summary>
    public IReadOnlyList<(string Url, IReadOnlyDictionary<string, string> Headers)> Requests => [.. _requests];

    /// <summary>Starts a server for the files under <paramref name="root"/> (may be null: code routes only).</summary>
    public static FixtureHttpServer Start(string? root = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FixtureHttpServer(root, PeerProcesses.FreePort());
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between the probe and the bind: try another.
            }
        }
    }

    /// <summary>Answers <paramref name="path"/> (without query, e.g. <c>/api/papers</c>) with code.</summary>
    public void Map(string path, Func<HttpListenerRequest, FixtureResponse> handler) => _routes[path] = handler;

    public Uri Url(string relative) => new(BaseUrl, relative);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var request = context.Request;
        var headers = request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue((request.Url!.PathAndQuery, headers));
        FixtureResponse answer;
        try
        {
            answer = _routes.TryGetValue(request.Url.AbsolutePath, out var handler) ? handler(request) : ServeFile(request.Url.AbsolutePath);
        }
#pragma warning disable CA1031 // A broken test route answers 500 instead of killing the server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            answer = FixtureResponse.Text(e.ToString(), "text/plain; charset=utf-8", 500);
        }

        try
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.ContentLength64 = answer.Body.Length;
            context.Response.OutputStream.Write(answer.Body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private FixtureResponse ServeFile(string path)
    {
        if (_root is null)
        {
            return FixtureResponse.NotFound;
        }

        var relative = Uri.UnescapeDataString(path).TrimStart('/');
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(Path.GetFullPath(_root), StringComparison.Ordinal) || !File.Exists(full))
        {
            return FixtureResponse.NotFound;
        }

        var type = Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".html" or ".htm" => "text/html; charset=utf-8",
            ".json" => "application/json; charset=utf-8",
            ".xml" => "application/xml",
            ".zip" => "application/zip",
            _ => "application/octet-stream",
        };
        return new FixtureResponse(200, type, File.ReadAllBytes(full));
    }

}
