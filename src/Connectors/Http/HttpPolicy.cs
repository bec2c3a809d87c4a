using System.Globalization;
using System.Text.Json;

namespace Search.Connectors.Http;

/// <summary>
/// How patiently one source is asked over HTTP. Read from the optional <c>"http"</c> object of a source's
/// settings, in seconds: <c>{"timeoutSeconds": 60, "maxAttempts": 5, "baseDelaySeconds": 2,
/// "maxDelaySeconds": 120, "politenessDelaySeconds": 1}</c>; anything left out keeps its default.
/// </summary>
/// <param name="Timeout">How long one attempt (headers and body) may take.</param>
/// <param name="MaxAttempts">How many times one request is tried before giving up (1 = no retry).</param>
/// <param name="BaseDelay">The first back-off delay; it doubles on each retry.</param>
/// <param name="MaxDelay">The longest back-off delay, and the longest <c>Retry-After</c> we agree to wait.</param>
/// <param name="PolitenessDelay">The least time between the end of one request and the start of the next.</param>
public sealed record HttpPolicy(
    TimeSpan Timeout,
    int MaxAttempts,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    TimeSpan PolitenessDelay)
{
    /// <summary>The name of the settings object the policy is read from.</summary>
    public const string SettingsProperty = "http";

    public static HttpPolicy Default { get; } = new(
        Timeout: TimeSpan.FromSeconds(60),
        MaxAttempts: 5,
        BaseDelay: TimeSpan.FromSeconds(2),
        MaxDelay: TimeSpan.FromMinutes(2),
        PolitenessDelay: TimeSpan.FromSeconds(1));

    /// <summary>
    /// Reads the policy from a source's settings (the <c>"http"</c> property, when present); adds each problem
    /// found to <paramref name="problems"/> and keeps the default for that value.
    /// </summary>
    public static HttpPolicy FromSettings(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (settings.ValueKind != JsonValueKind.Object
            || !settings.TryGetProperty(SettingsProperty, out var http)
            || http.ValueKind == JsonValueKind.Null)
        {
            return Default;
        }

        if (http.ValueKind != JsonValueKind.Object)
        {
            problems.Add("'http' must be an object, e.g. {\"timeoutSeconds\": 60, \"maxAttempts\": 5}.");
            return Default;
        }

        var policy = Default with
        {
            Timeout = ReadSeconds(http, "timeoutSeconds", Default.Timeout, allowZero: false, problems),
            BaseDelay = ReadSeconds(http, "baseDelaySeconds", Default.BaseDelay, allowZero: true, problems),
            MaxDelay = ReadSeconds(http, "maxDelaySeconds", Default.MaxDelay, allowZero: true, problems),
            PolitenessDelay = ReadSeconds(http, "politenessDelaySeconds", Default.PolitenessDelay, allowZero: true, problems),
        };

        if (http.TryGetProperty("maxAttempts", out var attempts))
        {
            if (attempts.ValueKind == JsonValueKind.Number && attempts.TryGetInt32(out var n) && n is >= 1 and <= 100)
            {
                policy = policy with { MaxAttempts = n };
            }
            else
            {
                problems.Add("'http.maxAttempts' must be a whole number from 1 to 100.");
            }
        }

        if (policy.MaxDelay < policy.BaseDelay)
        {
            problems.Add("'http.maxDelaySeconds' must not be smaller than 'http.baseDelaySeconds'.");
        }

        return policy;
    }

    private static TimeSpan ReadSeconds(JsonElement http, string name, TimeSpan fallback, bool allowZero, ICollection<string> problems)
    {
        if (!http.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var seconds)
            && (seconds > 0 || (allowZero && seconds == 0))
            && seconds <= TimeSpan.FromDays(1).TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"'http.{name}' must be a number of seconds {(allowZero ? "from 0" : "above 0")} up to one day."));
        return fallback;
    }
}
