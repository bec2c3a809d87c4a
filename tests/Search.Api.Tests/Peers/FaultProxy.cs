using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Search.Api.Tests.Peers;

/// <summary>What <see cref="FaultProxy"/> does with one request.</summary>
public enum Fault
{
    /// <summary>Forwards the request and its answer.</summary>
    None,

    /// <summary>Answers 500 Internal Server Error.</summary>
    ServerError,

    /// <summary>Answers 429 Too Many Requests with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>Forwards, announces the whole length, sends half of the body and drops the connection.</summary>
    TruncatedBody,

    /// <summary>Answers nothing for <see cref="FaultProxy.StallFor"/>, then drops the connection.</summary>
    Stall,
}

/// <summary>
/// A misbehaving network between the engine and a real partner, on 127.0.0.1: forwards requests to the partner
/// but answers the n-th request with the n-th fault of a schedule (repeated), so every test run meets the same
/// 500s, 429s with Retry-After, cut-short bodies and stalls. A mock of the network only: the partner behind it
/// is real.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _target;
    private readonly IReadOnlyList<Fault> _schedule;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<Fault> _served = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;
    private int _count;

    private FaultProxy(Uri target, IReadOnlyList<Fault> schedule, int port)
    {
        _target = target;
        _schedule = schedule;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Where to send requests instead of the partner: same paths and queries.</summary>
    public Uri BaseUrl { get; }

    /// <summary>How long a stalled request is held before the connection is dropped.</summary>
    public TimeSpan StallFor { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>What each request met, in order.</summary>
    public IReadOnlyList<Fault> Served => [.. _served];

    /// <summary>The path and query of each request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The schedule the tests use: every fault kind, each followed by a clean answer.</summary>
    public static IReadOnlyList<Fault> EveryFaultOnce { get; } =
        [Fault.None, Fault.ServerError, Fault.None, Fault.TruncatedBody, Fault.None, Fault.TooManyRequests, Fault.None, Fault.Stall];

    /// <summary>Starts a proxy in front of <paramref name="target"/> (a base address; paths are kept).</summary>
    public static FaultProxy Start(Uri target, IReadOnlyList<Fault> schedule)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(schedule);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FaultProxy(target, schedule, PeerProcesses.FreePort());
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>The proxy's address for a partner address behind it.</summary>
    public Uri Via(Uri partnerUrl)
    {
        ArgumentNullException.ThrowIfNull(partnerUrl);
        return new Uri(BaseUrl, partnerUrl.PathAndQuery);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _upstream.Dispose();
        _stopping.Dispose();
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

            var n = Interlocked.Increment(ref _count) - 1;
            var fault = _schedule.Count == 0 ? Fault.None : _schedule[n % _schedule.Count];
            _served.Enqueue(fault);
            _requests.Enqueue(Uri.UnescapeDataString(context.Request.Url!.PathAndQuery));
            _ = Task.Run(() => ServeAsync(context, fault));
        }
    }

    private async Task ServeAsync(HttpListenerContext context, Fault fault)
    {
        var response = context.Response;
        try
        {
            switch (fault)
            {
                case Fault.ServerError:
                    response.StatusCode = 500;
                    response.Close();
                    return;
                case Fault.TooManyRequests:
                    response.StatusCode = 429;
                    response.AddHeader("Retry-After", "1");
                    response.Close();
                    return;
                case Fault.Stall:
                    try
                    {
                        await Task.Delay(StallFor, _stopping.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    response.Abort();
                    return;
            }

            var target = new Uri(_target, context.Request.Url!.PathAndQuery);
            using var forward = new HttpRequestMessage(HttpMethod.Get, target);
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                if (name is not ("Host" or "Connection" or "Accept-Encoding"))
                {
                    forward.Headers.TryAddWithoutValidation(name, context.Request.Headers[name]);
                }
            }

            using var answer = await _upstream.SendAsync(forward, _stopping.Token);
            var body = await answer.Content.ReadAsByteArrayAsync(_stopping.Token);
            response.StatusCode = (int)answer.StatusCode;
            if (answer.Content.Headers.ContentType is { } type)
            {
                response.ContentType = type.ToString();
            }

            response.ContentLength64 = body.Length;
            if (fault == Fault.TruncatedBody && body.Length > 1)
            {
                await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2), _stopping.Token);
                await response.OutputStream.FlushAsync(_stopping.Token);
                response.Abort();
                return;
            }

            await response.OutputStream.WriteAsync(body, _stopping.Token);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
        {
            response.Abort();
        }
    }

}
