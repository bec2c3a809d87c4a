namespace Search.Api.Oai;

/// <summary>
/// <c>GET|POST /oai</c>: the OAI-PMH 2.0 provider. Every answer is XML with status 200; whatever is wrong with a
/// request is an OAI-PMH error, and the <c>request</c> element echoes the arguments only when the request was well
/// formed (no badVerb, no badArgument).
/// </summary>
public static class OaiApi
{
    public static IServiceCollection AddOai(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OaiOptions>().Bind(configuration.GetSection(OaiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResumptionTokens>();
        services.AddSingleton<OaiProvider>();
        return services;
    }

    public static IEndpointRouteBuilder MapOaiApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/oai", [HttpMethods.Get, HttpMethods.Post], HandleAsync)
            .WithSummary("OAI-PMH 2.0: the six verbs; arguments in the query or a form body")
            .Produces(StatusCodes.Status200OK, contentType: "text/xml");
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, OaiProvider provider, TimeProvider time, ILoggerFactory loggers)
    {
        var arguments = await OaiArguments.ReadAsync(http.Request);
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/oai";
        var now = time.GetUtcNow();
        var errors = arguments.Check();
        if (errors.Count > 0)
        {
            return Failure(now, baseUrl, arguments, errors);
        }

        var verb = arguments.Verb!;
        var ct = http.RequestAborted;
        using var document = new OaiDocument(now, baseUrl, verb, arguments.All);
        try
        {
            switch (verb)
            {
                case "Identify":
                    await provider.IdentifyAsync(document, baseUrl, ct);
                    break;
                case "ListMetadataFormats":
                    await provider.ListMetadataFormatsAsync(document, arguments["identifier"], ct);
                    break;
                case "ListSets":
                    await provider.ListSetsAsync(document, arguments["resumptionToken"], ct);
                    break;
                case "GetRecord":
                    await provider.GetRecordAsync(document, arguments["identifier"]!, arguments["metadataPrefix"]!, ct);
                    break;
                default:
                    await provider.ListAsync(document, arguments, withMetadata: verb == "ListRecords", ct);
                    break;
            }
        }
        catch (OaiErrorException ex)
        {
            return Failure(now, baseUrl, arguments, [ex.Error]);
        }
        catch (OaiErrorsException ex)
        {
            return Failure(now, baseUrl, arguments, ex.Errors);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault of ours, not of the request: OAI-PMH has no error code for it, so HTTP's "try again later".
            loggers.CreateLogger(typeof(OaiApi)).LogError(ex, "OAI-PMH {Verb} failed", verb);
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return document.ToResult();
    }

    private static IResult Failure(DateTimeOffset now, string baseUrl, OaiArguments arguments, IReadOnlyList<OaiError> errors)
    {
        var echo = !errors.Any(e => e.RejectsRequest);
        using var document = new OaiDocument(now, baseUrl, echo ? arguments.Verb : null, echo ? arguments.All : null);
        document.Errors(errors);
        return document.ToResult();
    }
}
