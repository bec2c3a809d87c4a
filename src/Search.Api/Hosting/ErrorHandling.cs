using Microsoft.AspNetCore.Diagnostics;
using Search.Indexer.Search;

namespace Search.Api.Hosting;

/// <summary>
/// Turns what the client got wrong into a 400 ProblemDetails with a message (malformed JSON, a query the
/// parser refuses), so that a bad request is never reported as a server error.
/// </summary>
public sealed class ClientErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (detail, position) = exception switch
        {
            BadHttpRequestException bad => (bad.InnerException is System.Text.Json.JsonException json ? "The request body is not valid JSON: " + json.Message : bad.Message, (int?)null),
            QuerySyntaxException syntax => (syntax.Message, syntax.Position),
            Lucene.Net.Search.BooleanQuery.TooManyClausesException => ($"The query expands to more than {Lucene.Net.Search.BooleanQuery.MaxClauseCount} clauses; use fewer terms.", null),
            _ => (null, null),
        };
        if (detail is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = detail },
        };
        if (position is not null)
        {
            context.ProblemDetails.Extensions["position"] = position;
        }

        return await problems.TryWriteAsync(context);
    }
}
