using System.Globalization;

namespace Search.Api.Sru;

/// <summary>
/// The parameters of an SRU request, from the query string or an <c>application/x-www-form-urlencoded</c> POST
/// (SRU's two HTTP bindings). Names are case-sensitive as in the standard; the first value of a name counts.
/// </summary>
public sealed class SruParameters
{
    private readonly Dictionary<string, string> _values;

    public SruParameters(IEnumerable<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            _values.TryAdd(key, value ?? "");
        }
    }

    public static async Task<SruParameters> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.FirstOrDefault())).ToList();
        var unreadable = false;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                values.AddRange(form.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value.FirstOrDefault())));
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                unreadable = true;
            }
        }

        return new SruParameters(values) { UnreadableBody = unreadable };
    }

    /// <summary>A POSTed form that could not be read (malformed or too large): answered with diagnostic 6.</summary>
    public bool UnreadableBody { get; private init; }

    /// <summary>The value, or null when the parameter is absent or empty.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public bool Has(string name) => this[name] is not null;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, the fallback when absent, else diagnostic 6.</summary>
    public int Number(string name, int fallback, int min, int max)
    {
        var text = this[name];
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new SruDiagnosticException(SruDiagnostic.UnsupportedValue(name, $"{name}: '{text}' is not a whole number from {min} to {max}."));
        }

        return value;
    }
}
