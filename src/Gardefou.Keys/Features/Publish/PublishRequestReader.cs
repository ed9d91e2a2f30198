using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Reads a publish body the way the GAEN key server does (internal/jsonutil/unmarshal.go): the Content-Type must
/// start with <c>application/json</c> (else 415), the body holds at most 64,000 bytes (else 413), one JSON object
/// with no unknown member (else 400 <c>bad_request</c>). Stricter than Go's decoder on two points a correct client
/// never meets: property names must match exactly (Go also accepts another letter case) and a property may appear
/// only once (Go keeps the last), so that two readers of one body can never see two different uploads.
/// </summary>
internal static class PublishRequestReader
{
    private const string JsonMediaType = "application/json";

    private static readonly JsonSerializerOptions s_strict = new()
    {
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
    };

    /// <summary>Reads and parses the request body.</summary>
    public static async Task<Outcome<PublishRequest, PublishError>> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        var body = await ReadBodyAsync(http, ct);
        if (body is null)
        {
            return Outcome.Fail(new PublishError(413, PublishErrorCodes.BadRequest, $"The request body exceeds {PublishApi.MaxRequestBytes} bytes."));
        }
        var contentType = http.ContentType;
        if (contentType is null || !contentType.StartsWith(JsonMediaType, StringComparison.Ordinal))
        {
            return Outcome.Fail(new PublishError(415, PublishErrorCodes.BadRequest, "content-type is not application/json"));
        }
        return Parse(body);
    }

    /// <summary>Parses <paramref name="body"/> strictly.</summary>
    public static Outcome<PublishRequest, PublishError> Parse(ReadOnlySpan<byte> body)
    {
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Outcome.Fail(PublishError.BadRequest("body must not be empty"));
        }
        try
        {
            var request = JsonSerializer.Deserialize<PublishRequest>(body, s_strict);
            if (request is null)
            {
                return Outcome.Fail(PublishError.BadRequest("body must be a JSON object"));
            }
            if (request.TemporaryExposureKeys is { } keys && keys.Any(k => k is null))
            {
                return Outcome.Fail(PublishError.BadRequest("temporaryExposureKeys must hold objects, not null"));
            }
            return request;
        }
        catch (JsonException exception)
        {
            // The position helps a developer; the message never echoes the body (it may hold keys).
            var where = exception.BytePositionInLine is { } position ? $" at position {position}" : "";
            var what = exception.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? "duplicate property"
                : exception.Message.Contains("could not be mapped", StringComparison.OrdinalIgnoreCase) ? "unknown field"
                : "malformed json";
            return Outcome.Fail(PublishError.BadRequest($"error unmarshalling API call: {what}{where}"));
        }
    }

    /// <summary>The whole body, or null when it is larger than the limit.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.ContentLength > PublishApi.MaxRequestBytes)
        {
            return null;
        }
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(PublishApi.MaxRequestBytes + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await http.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length > PublishApi.MaxRequestBytes)
                {
                    return null;
                }
            }
            return buffer[..length];
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's own body limit or a truncated body: either way, not a body we read.
            return null;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
