namespace Search.Api.Oai;

/// <summary>
/// The arguments of an OAI-PMH request, from the query string or an <c>application/x-www-form-urlencoded</c> POST,
/// checked against the verb: the verb must be one of the six and given once; every other argument must be one the
/// verb takes, given once, and the required ones present; a <c>resumptionToken</c> is exclusive.
/// </summary>
public sealed class OaiArguments
{
    private static readonly Dictionary<string, (string[] Required, string[] Optional, bool Resumable)> Verbs = new(StringComparer.Ordinal)
    {
        ["Identify"] = ([], [], false),
        ["ListMetadataFormats"] = ([], ["identifier"], false),
        ["ListSets"] = ([], [], true),
        ["GetRecord"] = (["identifier", "metadataPrefix"], [], false),
        ["ListIdentifiers"] = (["metadataPrefix"], ["from", "until", "set"], true),
        ["ListRecords"] = (["metadataPrefix"], ["from", "until", "set"], true),
    };

    private readonly List<KeyValuePair<string, string>> _values;

    private OaiArguments(List<KeyValuePair<string, string>> values, bool unreadable)
    {
        _values = values;
        UnreadableBody = unreadable;
    }

    public static async Task<OaiArguments> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        var unreadable = false;
        if (HttpMethods.IsPost(request.Method))
        {
            if (request.HasFormContentType)
            {
                try
                {
                    var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                    values.AddRange(form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
                }
                catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
                {
                    unreadable = true;
                }
            }
            else if (request.ContentLength is > 0 || request.Headers.ContentType.Count > 0)
            {
                unreadable = true;
            }
        }

        return new OaiArguments(values, unreadable);
    }

    /// <summary>A POST whose body is not a readable form.</summary>
    public bool UnreadableBody { get; }

    /// <summary>The verb when given exactly once (valid or not), else null.</summary>
    public string? Verb => _values.Count(v => v.Key == "verb") == 1 ? _values.Single(v => v.Key == "verb").Value : null;

    /// <summary>The value of an argument (given once, as <see cref="Check"/> ensures), or null.</summary>
    public string? this[string name] => _values.FirstOrDefault(v => v.Key == name).Value;

    /// <summary>Every argument but the verb, for the <c>request</c> element of a valid request.</summary>
    public IEnumerable<KeyValuePair<string, string>> All => _values.Where(v => v.Key != "verb");

    /// <summary>The errors of the request as a whole: badVerb, else every badArgument (empty when it is well formed).</summary>
    public IReadOnlyList<OaiError> Check()
    {
        if (UnreadableBody)
        {
            return [OaiError.BadArgument("The POSTed body is not an application/x-www-form-urlencoded form that could be read.")];
        }

        var verbs = _values.Where(v => v.Key == "verb").Select(v => v.Value).ToList();
        if (verbs.Count == 0)
        {
            return [OaiError.BadVerb("The verb argument is missing.")];
        }

        if (verbs.Count > 1)
        {
            return [OaiError.BadVerb("The verb argument is repeated.")];
        }

        if (!Verbs.TryGetValue(verbs[0], out var shape))
        {
            return [OaiError.BadVerb($"'{Clip(verbs[0])}' is not an OAI-PMH verb (Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers, ListRecords).")];
        }

        var errors = new List<OaiError>();
        var arguments = _values.Where(v => v.Key != "verb").ToList();
        foreach (var repeated in arguments.GroupBy(a => a.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(OaiError.BadArgument($"The argument '{Clip(repeated.Key)}' is repeated."));
        }

        var allowed = shape.Required.Concat(shape.Optional).Concat(shape.Resumable ? ["resumptionToken"] : Array.Empty<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in arguments.Select(a => a.Key).Distinct(StringComparer.Ordinal).Where(k => !allowed.Contains(k)))
        {
            errors.Add(OaiError.BadArgument($"{verbs[0]} takes no argument '{Clip(unknown)}'."));
        }

        if (shape.Resumable && arguments.Any(a => a.Key == "resumptionToken"))
        {
            if (arguments.Any(a => a.Key != "resumptionToken"))
            {
                errors.Add(OaiError.BadArgument("resumptionToken is an exclusive argument: send it with the verb alone."));
            }
        }
        else
        {
            foreach (var missing in shape.Required.Where(r => string.IsNullOrEmpty(this[r])))
            {
                errors.Add(OaiError.BadArgument($"{verbs[0]} needs the argument '{missing}'."));
            }
        }

        return errors;
    }

    /// <summary>Partner-free, but harvester-sent text: long values are cut in messages.</summary>
    private static string Clip(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
