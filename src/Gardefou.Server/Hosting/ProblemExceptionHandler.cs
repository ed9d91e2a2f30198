using System.Text.Json;
using Gardefou.Hosting.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gardefou.Server.Hosting;

/// <summary>
/// The one exception handler of the host: client mistakes (unreadable or malformed JSON, bodies over the limit,
/// wrong content types) become 4xx problem details; anything else is a 500 without details. Messages of client
/// errors are kept because they name fields, never values; nothing here logs a request body or an address.
/// </summary>
internal sealed partial class ProblemExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ProblemExceptionHandler> _logger;

    public ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    {
        _problems = problems;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        var (status, title, detail) = Classify(exception);
        if (status >= 500)
        {
            LogServerError(_logger, exception.GetType().Name, httpContext.Request.Path, exception);
        }
        else
        {
            LogClientError(_logger, status, exception.GetType().Name, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = ProblemTypes.ForStatus(status),
            },
        });
    }

    private static (int Status, string Title, string? Detail) Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                    return (413, "Request body too large", "The request body exceeds the limit of this endpoint.");
                case BadHttpRequestException bad:
                    return (bad.StatusCode, "Bad request", Describe(bad));
                case JsonException json:
                    return (400, "Malformed JSON", json.Message);
                case FormatException:
                    return (400, "Bad request", "A value has the wrong format.");
            }
        }
        return (500, "Internal server error", null);
    }

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;

    [LoggerMessage(1, LogLevel.Error, "Unhandled {ExceptionType} on {Path}")]
    private static partial void LogServerError(ILogger logger, string exceptionType, PathString path, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Client error {Status} ({ExceptionType}) on {Path}")]
    private static partial void LogClientError(ILogger logger, int status, string exceptionType, PathString path);
}
