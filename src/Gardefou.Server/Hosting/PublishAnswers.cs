using Gardefou.Hosting.Timing;
using Gardefou.Keys;
using Gardefou.Keys.Features.Publish;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Gardefou.Server.Hosting;

/// <summary>
/// The upload path's answers on <c>/v1/publish</c>. The handler writes bodies of one size, but the HTTP/1.1 head
/// around them is not: "200 OK" with <c>application/json</c> is shorter than "401 Unauthorized" with
/// <c>application/problem+json</c>. Every answer is brought to the wire size of a success by taking the difference
/// from its <c>padding</c> member; an answer raised before the handler becomes a publish error of the same status
/// first. Every non-success is held to a latency drawn from real publishes, as chaff already is.
/// </summary>
internal static class PublishAnswers
{
    private const string SuccessContentType = "application/json";
    private const string ProblemContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, long started, ReadOnlyMemory<byte> written)
    {
        var response = context.Response;
        var services = context.RequestServices;
        var size = services.GetRequiredService<KeysOptions>().ResponseSize;
        var body = written.ToArray();
        if (PublishPadding.Find(body) is null)
        {
            var status = response.StatusCode is >= 400 and < 600 ? response.StatusCode : StatusCodes.Status500InternalServerError;
            response.Clear();
            response.StatusCode = status;
            response.ContentType = ProblemContentType;
            response.Headers.CacheControl = "no-store";
            body = PublishResponseWriter.Write(new PublishResponse(), Replacement(status), size);
        }
        var length = LengthForWireSize(context, size, body.Length);
        body = PublishPadding.Resize(body, length);
        response.ContentLength = body.Length;
        if (response.StatusCode is < 200 or >= 300)
        {
            // The handler holds chaff and records real successes; refusals and the host's errors are held here.
            await services.GetRequiredService<ResponseTiming>().HoldAsync(started, context.RequestAborted);
        }
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The publish error for a status the host raised; the message says what happened, never what was sent.</summary>
    internal static PublishError Replacement(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => new PublishError(status, PublishErrorCodes.BadRequest, $"The request body exceeds {PublishApi.MaxRequestBytes} bytes."),
        StatusCodes.Status429TooManyRequests => new PublishError(status, PublishErrorCodes.BadRequest, "too many requests; retry after a second"),
        StatusCodes.Status405MethodNotAllowed => new PublishError(status, PublishErrorCodes.BadRequest, "method not allowed: use POST"),
        < 500 => new PublishError(status, PublishErrorCodes.BadRequest, "the request could not be read"),
        _ => new PublishError(status, PublishErrorCodes.InternalError, "internal error; try again later"),
    };

    /// <summary>
    /// The body length that makes this answer's head and body as long as a success's: a success's head differs from
    /// this one only in what the application sets (reason phrase, headers); what Kestrel adds (date, connection) is
    /// the same for both.
    /// </summary>
    private static int LengthForWireSize(HttpContext context, int successBodyLength, int currentLength)
    {
        var clientCloses = context.Request.Headers.Connection.ToString().Contains("close", StringComparison.OrdinalIgnoreCase);
        var head = ApplicationHeadLength(context.Response.StatusCode, context.Response.Headers, clientCloses);
        var success = ApplicationHeadLength(StatusCodes.Status200OK, new HeaderDictionary
        {
            [HeaderNames.ContentType] = SuccessContentType,
            [HeaderNames.CacheControl] = "no-store",
        }, clientCloses);
        var target = success + successBodyLength + Digits(successBodyLength);
        var length = Math.Max(currentLength - (head - success), 0);
        // The Content-Length header's own digits move with the length (a body of 999 bytes has a shorter header).
        while (length + Digits(length) < target - head)
        {
            length++;
        }
        while (length > 0 && length + Digits(length) > target - head)
        {
            length--;
        }
        return length;
    }

    /// <summary>What the application contributes to an HTTP/1.1 head, Content-Length excepted: reason phrase and header lines.</summary>
    private static int ApplicationHeadLength(int status, IHeaderDictionary headers, bool clientCloses)
    {
        var length = ReasonPhrases.GetReasonPhrase(status).Length;
        foreach (var (name, values) in headers)
        {
            if (name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                || (clientCloses && name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            foreach (var value in values)
            {
                length += name.Length + ": \r\n".Length + (value?.Length ?? 0);
            }
        }
        return length;
    }

    private static int Digits(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
