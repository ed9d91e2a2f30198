using System.Globalization;
using Gardefou.Hosting.Timing;
using Gardefou.Verification;
using Gardefou.Verification.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gardefou.Server.Hosting;

/// <summary>
/// The upload path's answers on <c>/api/verify</c> and <c>/api/certificate</c>: a handler's padded answer goes out as
/// written; an answer raised before (or instead of) the handler becomes the verification API's own padded error
/// with the same status, held to a latency drawn from real successes of that endpoint.
/// </summary>
internal static class VerificationAnswers
{
    private const string HandlerContentType = "application/json; charset=utf-8";

    public static async Task WriteAsync(HttpContext context, string timingKey, long started, ReadOnlyMemory<byte> written)
    {
        var response = context.Response;
        if (IsHandlerAnswer(response, written.Span))
        {
            // Already padded and already timed by the handler (a real success recorded, anything else held).
            await response.Body.WriteAsync(written, context.RequestAborted);
            return;
        }
        var services = context.RequestServices;
        var size = services.GetRequiredService<IOptions<VerificationOptions>>().Value.PaddedAnswerBytes;
        var answer = Replacement(response.StatusCode, response.Headers.RetryAfter, size);
        response.Clear();
        await services.GetRequiredKeyedService<ResponseTiming>(timingKey).HoldAsync(started, context.RequestAborted);
        await answer.ExecuteAsync(context);
    }

    private static bool IsHandlerAnswer(HttpResponse response, ReadOnlySpan<byte> body) =>
        string.Equals(response.ContentType, HandlerContentType, StringComparison.Ordinal) && body.IndexOf("\"padding\":\""u8) >= 0;

    /// <summary>The API's answer for a status the host raised; the message says what happened, never what was sent.</summary>
    internal static ApiAnswer Replacement(int status, string? retryAfter, int size) => status switch
    {
        StatusCodes.Status429TooManyRequests => ApiErrors.Throttled(
            int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 3600 ? seconds : 1, size),
        StatusCodes.Status405MethodNotAllowed => ApiErrors.MethodNotAllowed(size),
        StatusCodes.Status413PayloadTooLarge => ApiErrors.Error(status, ApiErrors.UnparsableRequest, "Request body too large", "request body too large", size),
        >= 400 and < 500 => ApiErrors.Error(status, ApiErrors.UnparsableRequest, "Bad request", "the request could not be read", size),
        _ => ApiErrors.Error(StatusCodes.Status500InternalServerError, "", "Internal server error", "internal error; try again later", size, problem: "internal"),
    };
}
