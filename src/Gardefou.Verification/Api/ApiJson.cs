using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Api;

/// <summary>
/// JSON of the API as Google's server binds it (pkg/controller/json_bind.go): one object, no unknown members, bodies
/// capped at <see cref="VerificationOptions.MaxRequestBytes"/> (Google: 64,000 bytes). Names are exact and duplicates
/// refused. Read by hand so that every bad body becomes the endpoint's 400, whatever the host's binding settings.
/// </summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 8,
    };

    /// <summary>Reads and parses the body; on failure returns the message to answer with (the caller picks the code).</summary>
    public static async Task<Outcome<T, string>> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return Outcome.Fail(TooLarge(maxBytes));
        }
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        try
        {
            int n;
            while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0)
            {
                read += n;
            }
        }
        catch (BadHttpRequestException)
        {
            // The server's own body limit or a broken upload.
            return Outcome.Fail(TooLarge(maxBytes));
        }
        if (read > maxBytes)
        {
            return Outcome.Fail(TooLarge(maxBytes));
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, read), Options);
            if (value is null)
            {
                return Outcome.Fail("the body must be a JSON object");
            }
            return value;
        }
        catch (JsonException e)
        {
            return Outcome.Fail(Describe(e));
        }
    }

    private static string TooLarge(int maxBytes) => $"request body too large: at most {maxBytes} bytes";

    // The exception's path says which member was wrong without echoing any value sent.
    private static string Describe(JsonException e) =>
        e.Path is { Length: > 1 } path ? $"malformed json at {path}: unknown field, wrong type or bad value" : "malformed json: the body is not a JSON object of the expected shape";
}
