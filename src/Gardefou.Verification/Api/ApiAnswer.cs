using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Gardefou.Verification.Api;

/// <summary>
/// One answer of the verification API: a JSON object, <c>application/json</c> as Google's server sends, never cached.
/// With a <see cref="PaddedSize"/> it carries Google's <c>padding</c> member sized so that every answer of the endpoint
/// (success, chaff or any error) has the same length on the wire: the body is shortened by exactly what the status
/// line's reason phrase and an added <c>Retry-After</c> header lengthen the HTTP/1.1 head, and the padding is valid
/// base64 followed by insignificant JSON whitespace to land on the byte.
/// </summary>
internal sealed class ApiAnswer : IResult
{
    private const string ContentType = "application/json; charset=utf-8";
    private static readonly byte[] s_paddingName = "\"padding\":\""u8.ToArray();

    private readonly byte[] _json;

    public ApiAnswer(int status, object payload, int? paddedSize = null, int? retryAfterSeconds = null)
    {
        Status = status;
        _json = JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), ApiJson.Options);
        PaddedSize = paddedSize;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public int Status { get; }

    /// <summary>Wire size every answer of the endpoint is brought to (status line reason and extra headers included), or null for no padding.</summary>
    public int? PaddedSize { get; }

    public int? RetryAfterSeconds { get; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var body = Body();
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        if (RetryAfterSeconds is { } retry)
        {
            response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    /// <summary>The body as sent.</summary>
    public byte[] Body()
    {
        if (PaddedSize is not { } size)
        {
            return _json;
        }
        var headExtra = ReasonPhrases.GetReasonPhrase(Status).Length
            + (RetryAfterSeconds is { } retry ? "Retry-After: \r\n".Length + retry.ToString(CultureInfo.InvariantCulture).Length : 0);
        var separator = _json.Length > 2 ? 1 : 0;
        var fixedPart = _json.Length - 1 + separator + s_paddingName.Length + 2;
        var target = size - headExtra;
        while (target - fixedPart < 4)
        {
            // The payload alone is too large for one block (a long configured issuer, say): keep a multiple of it.
            target += size;
        }
        var free = target - fixedPart;
        var base64Length = free / 4 * 4;
        var padding = Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(base64Length / 4 * 3)));
        var body = new byte[target];
        var at = 0;
        _json.AsSpan(0, _json.Length - 1).CopyTo(body);
        at += _json.Length - 1;
        if (separator == 1)
        {
            body[at++] = (byte)',';
        }
        s_paddingName.CopyTo(body.AsSpan(at));
        at += s_paddingName.Length;
        padding.CopyTo(body.AsSpan(at));
        at += padding.Length;
        body[at++] = (byte)'"';
        body[at++] = (byte)'}';
        body.AsSpan(at).Fill((byte)' ');
        return body;
    }
}
