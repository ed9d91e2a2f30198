using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Verification.Api;

/// <summary>
/// Strict JSON for the API: exact property names, no unknown members, no nulls where a value is required,
/// bodies capped at <see cref="VerificationOptions.MaxRequestBytes"/>. Read by hand so that every bad body
/// becomes a 4xx problem, whatever the host's binding settings.
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

    /// <summary>Reads and parses the body; on failure returns the problem to answer with.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, ApiProblems.TooLarge(maxBytes));
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
            return (null, ApiProblems.TooLarge(maxBytes));
        }
        if (read > maxBytes)
        {
            return (null, ApiProblems.TooLarge(maxBytes));
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, read), Options);
            return value is null ? (null, ApiProblems.BadRequest("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadRequest(Describe(e)));
        }
    }

    // The exception's path says which member was wrong without echoing any value sent.
    private static string Describe(JsonException e) =>
        e.Path is { Length: > 1 } path ? $"The JSON body is not valid at {path}: unknown member, wrong type or missing value." : "The body is not valid JSON of the expected shape.";
}
