using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Search.Api.Storage;
using Search.Ingestion.Storage;

namespace Search.Api.Oai;

/// <summary>
/// Where a list harvest stands, all of it in its resumption token: the verb and the request's arguments as sent,
/// the last (datestamp, work id) delivered, how many were delivered before the next page (<see cref="Cursor"/>), the
/// list's size when the harvest began, and when the token was issued.
/// </summary>
public sealed record OaiListState(
    string Verb,
    string Prefix,
    string? Set,
    string? From,
    string? Until,
    string AfterDatestamp,
    string AfterWork,
    long Cursor,
    long CompleteListSize,
    long IssuedAt);

/// <summary>
/// Stateless resumption tokens: <c>base64url(JSON of <see cref="OaiListState"/>).base64url(HMAC-SHA256)</c>, signed with a
/// key kept in <c>access_keys</c> (one for every process), so a token outlives a restart and works on any process
/// of the database. A token is honoured for <see cref="OaiOptions.TokenLifetime"/> after it was issued; a token that
/// does not verify, cannot be read or has expired is badResumptionToken.
/// </summary>
public sealed class ResumptionTokens(Database database, TimeProvider time, IOptions<OaiOptions> options)
{
    private const int MaxLength = 4096;
    private const string KeyName = "oai-resumption";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private byte[]? _key;

    /// <summary>When a token issued now expires.</summary>
    public DateTimeOffset ExpiryOf(OaiListState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DateTimeOffset.FromUnixTimeSeconds(state.IssuedAt) + options.Value.TokenLifetime;
    }

    public async Task<string> WriteAsync(OaiListState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(state, Json));
        return body + "." + Base64Url(HMACSHA256.HashData(await KeyAsync(ct), Encoding.ASCII.GetBytes(body)));
    }

    /// <summary>The state a token carries, or badResumptionToken.</summary>
    public async Task<OaiListState> ReadAsync(string token, string verb, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (token.Length > MaxLength || dot <= 0 || dot != token.LastIndexOf('.'))
        {
            throw Bad("The resumption token is not one this repository issued.");
        }

        var body = token[..dot];
        var expected = HMACSHA256.HashData(await KeyAsync(ct), Encoding.ASCII.GetBytes(body));
        if (FromBase64Url(token[(dot + 1)..]) is not { } mac || !CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            throw Bad("The resumption token is not one this repository issued.");
        }

        OaiListState? state;
        try
        {
            state = FromBase64Url(body) is { } json ? JsonSerializer.Deserialize<OaiListState>(json, Json) : null;
        }
        catch (JsonException)
        {
            state = null;
        }

        if (state is null)
        {
            throw Bad("The resumption token cannot be read.");
        }

        if (state.Verb != verb)
        {
            throw Bad($"The resumption token belongs to {state.Verb}, not {verb}.");
        }

        if (time.GetUtcNow() > ExpiryOf(state))
        {
            throw Bad($"The resumption token expired at {OaiDate.Format(ExpiryOf(state))}; start the harvest again.");
        }

        return state;
    }

    private static OaiErrorException Bad(string message) => new(OaiError.BadResumptionToken(message));

    private async ValueTask<byte[]> KeyAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _key) is { } known)
        {
            return known;
        }

        var key = await AccessKeys.GetAsync(database, time, KeyName, ct);
        Volatile.Write(ref _key, key);
        return key;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
