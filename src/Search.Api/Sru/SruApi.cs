using Microsoft.Extensions.Options;

namespace Search.Api.Sru;

/// <summary>
/// <c>GET|POST /sru</c>: the SRU server. The operation is the <c>operation</c> parameter, else (SRU 2.0) a
/// <c>query</c> means searchRetrieve, a <c>scanClause</c> scan, and nothing explain. Every answer is XML with
/// status 200; whatever goes wrong is a diagnostic.
/// </summary>
public static class SruApi
{
    public static IServiceCollection AddSru(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SruOptions>().Bind(configuration.GetSection(SruOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new Search.Indexer.Search.TermScanner(sp.GetRequiredService<Search.Indexer.Writing.CatalogIndex>()));
        services.AddSingleton<SearchRetrieveOperation>();
        services.AddSingleton<ScanOperation>();
        return services;
    }

    public static IEndpointRouteBuilder MapSruApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/sru", [HttpMethods.Get, HttpMethods.Post], HandleAsync)
            .WithSummary("SRU 2.0 and 1.2: explain, searchRetrieve (CQL), scan; parameters in the query or a form body")
            .Produces(StatusCodes.Status200OK, contentType: "application/sru+xml");
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        SearchRetrieveOperation searchRetrieve,
        ScanOperation scan,
        IOptions<SruOptions> options,
        ILoggerFactory loggers)
    {
        var parameters = await SruParameters.ReadAsync(http.Request);
        var version = SruVersion.For(parameters["version"], out var supported);
        var diagnostics = new List<SruDiagnostic>();
        if (!supported)
        {
            diagnostics.Add(SruDiagnostic.UnsupportedVersion(parameters["version"]!));
        }

        if (parameters.UnreadableBody)
        {
            diagnostics.Add(SruDiagnostic.UnsupportedValue("body", "The POSTed form could not be read."));
        }

        var operation = parameters["operation"]
            ?? (parameters.Has("query") ? "searchRetrieve" : parameters.Has("scanClause") ? "scan" : "explain");
        using var document = new SruDocument(version);
        try
        {
            switch (operation)
            {
                case "searchRetrieve":
                    await searchRetrieve.WriteAsync(document, parameters, http, diagnostics);
                    break;
                case "scan":
                    scan.Write(document, parameters, diagnostics);
                    break;
                case "explain":
                    ExplainOperation.Write(document, http.Request, options.Value, diagnostics);
                    break;
                default:
                    diagnostics.Add(SruDiagnostic.UnsupportedOperation(operation));
                    ExplainOperation.Write(document, http.Request, options.Value, diagnostics);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault of ours, not of the request: still an SRU answer, with diagnostic 1.
            loggers.CreateLogger(typeof(SruApi)).LogError(ex, "SRU {Operation} failed", operation);
            using var failure = new SruDocument(version);
            failure.Begin(operation == "scan" ? "scanResponse" : "searchRetrieveResponse", operation == "scan" ? version.ScanNamespace : null);
            if (operation != "scan")
            {
                failure.Writer.Element("numberOfRecords", failure.Ns, 0);
            }

            failure.Diagnostics([SruDiagnostic.GeneralError("The server could not answer; the fault is logged.")], operation == "scan" ? version.ScanNamespace : null);
            failure.Writer.WriteEndElement();
            return failure.ToResult();
        }

        return document.ToResult();
    }
}
