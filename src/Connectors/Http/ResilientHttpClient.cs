using System.Globalization;
using System.Net;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Http;

/// <summary>
/// Thrown by a body reader given to <see cref="ResilientHttpClient.GetAsync{T}"/> when the partner's answer
/// cannot be read (not XML, cut short): the request is tried again like a server error.
/// </summary>
public sealed class UnreadableResponseException : Exception
{
    public UnreadableResponseException()
    {
    }

    public UnreadableResponseException(string message)
        : base(message)
    {
    }

    public UnreadableResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The one way connectors talk HTTP to a partner: a time limit per attempt, retries with exponential
/// back-off and jitter on server errors, 408/429, time-outs, network errors and unreadable answers,
/// <c>Retry-After</c> honoured, and a politeness delay between the requests of one source.
/// Make one per harvest of a source (the politeness delay is kept per instance); it is not meant for
/// concurrent requests. All waiting goes through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ResilientHttpClient
{
    private static readonly HashSet<string> SecretParameterNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "apikey", "api_key", "api-key", "key", "token", "access_token", "auth", "authorization",
        "password", "passwd", "pwd", "secret", "client_secret", "signature", "sig",
    };

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private long? _lastRequestEnded;

    /// <param name="httpClient">
    /// The client to send with. Its own <see cref="HttpClient.Timeout"/> should be longer than the policy's
    /// (or infinite): the policy's time limit is the one meant to apply.
    /// </param>
    /// <param name="timeProvider">The clock every delay and time limit is measured with.</param>
    /// <param name="policy">Time limit, attempts and delays for this source.</param>
    /// <param name="random">The source of jitter; <see cref="Random.Shared"/> when null.</param>
    public ResilientHttpClient(HttpClient httpClient, TimeProvider timeProvider, HttpPolicy policy, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(policy);
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        Policy = policy;
        _random = random ?? Random.Shared;
    }

    public HttpPolicy Policy { get; }

    /// <summary>
    /// GETs <paramref name="uri"/> and hands a successful answer to <paramref name="readBody"/>, trying again
    /// as the policy allows. Throws <see cref="ConnectorException"/> when the partner refuses the request
    /// (other 4xx) or still fails after the last attempt.
    /// </summary>
    /// <param name="uri">The address to get.</param>
    /// <param name="readBody">
    /// Reads the answer within the attempt's time limit. It may throw <see cref="UnreadableResponseException"/>
    /// to have the request tried again; any other exception ends the request.
    /// </param>
    /// <param name="cancellationToken">Cancels the whole request, waiting included.</param>
    public Task<T> GetAsync<T>(
        Uri uri,
        Func<HttpResponseMessage, Stream, CancellationToken, Task<T>> readBody,
        CancellationToken cancellationToken) =>
        GetAsync(uri, [], readBody, cancellationToken);

    /// <summary>
    /// Like <see cref="GetAsync{T}(Uri, Func{HttpResponseMessage, Stream, CancellationToken, Task{T}}, CancellationToken)"/>,
    /// with request headers (an API key): they are sent with every attempt and never appear in messages.
    /// </summary>
    public async Task<T> GetAsync<T>(
        Uri uri,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        Func<HttpResponseMessage, Stream, CancellationToken, Task<T>> readBody,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(readBody);
        var safeUrl = RedactUrl(uri);

        for (var attempt = 1; ; attempt++)
        {
            await WaitPolitelyAsync(cancellationToken);

            string failure;
            TimeSpan? retryAfter = null;
            using (var timeout = new CancellationTokenSource(Policy.Timeout, _timeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    foreach (var (name, value) in headers)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }

                    using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        var body = await response.Content.ReadAsStreamAsync(linked.Token);
                        await using (body)
                        {
                            return await readBody(response, body, linked.Token);
                        }
                    }

                    failure = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}").TrimEnd();
                    if (!IsTransient(response.StatusCode))
                    {
                        throw new ConnectorException($"GET {safeUrl} was refused: {failure}.");
                    }

                    retryAfter = ReadRetryAfter(response);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = string.Create(CultureInfo.InvariantCulture, $"no complete answer within {Policy.Timeout.TotalSeconds:0.###} s");
                }
                catch (HttpRequestException ex)
                {
                    failure = $"network error: {ex.Message}";
                }
                catch (IOException ex)
                {
                    failure = $"network error while reading the answer: {ex.Message}";
                }
                catch (UnreadableResponseException ex)
                {
                    failure = $"unreadable answer: {ex.Message}";
                }
                finally
                {
                    _lastRequestEnded = _timeProvider.GetTimestamp();
                }
            }

            if (attempt >= Policy.MaxAttempts)
            {
                throw new ConnectorException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"GET {safeUrl} failed after {attempt} attempt{(attempt == 1 ? "" : "s")}; last failure: {failure}."));
            }

            var delay = BackoffDelay(attempt);
            if (retryAfter is { } asked)
            {
                if (asked > Policy.MaxDelay)
                {
                    throw new ConnectorException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"GET {safeUrl} failed ({failure}) and the partner asks to wait {asked.TotalSeconds:0} s, longer than the policy's {Policy.MaxDelay.TotalSeconds:0} s; try again later."));
                }

                delay = asked;
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>The address without user info and with secret-looking query parameters masked, for messages and logs.</summary>
    public static string RedactUrl(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return uri.OriginalString;
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        var query = uri.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var parts = query.Split('&');
            for (var i = 0; i < parts.Length; i++)
            {
                var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? parts[i] : parts[i][..eq]);
                if (SecretParameterNames.Contains(name))
                {
                    parts[i] = (eq < 0 ? parts[i] : parts[i][..eq]) + "=***";
                }
            }

            builder.Query = string.Join('&', parts);
        }

        return builder.Uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private TimeSpan BackoffDelay(int attempt)
    {
        var exponential = Policy.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, Policy.MaxDelay.TotalMilliseconds);
        // "Equal jitter": half the delay is kept, the other half is random, so retries of many sources spread out.
#pragma warning disable CA5394 // Jitter is not security sensitive.
        var jittered = (capped / 2) + (capped / 2 * _random.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    private async Task WaitPolitelyAsync(CancellationToken cancellationToken)
    {
        if (_lastRequestEnded is not { } last || Policy.PolitenessDelay <= TimeSpan.Zero)
        {
            return;
        }

        var wait = Policy.PolitenessDelay - _timeProvider.GetElapsedTime(last);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _timeProvider, cancellationToken);
        }
    }
}
