using System.Text.Json;
using Gardefou.Hosting.Problems;
using Microsoft.AspNetCore.Http;

namespace Gardefou.Registry.Http;

/// <summary>Reads a bounded JSON body; every failure becomes a 4xx problem (the outcome's error), never an exception.</summary>
internal static class JsonBody
{
    public static async Task<Outcome<(T Value, byte[] Bytes), IResult>> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return Outcome.Fail(TooLarge(maxBytes));
        }
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Fail<IResult>(Problem.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send Content-Type: application/json."));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return Outcome.Fail(TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, RegistryJson.Options);
            if (value is null)
            {
                return Outcome.Fail<IResult>(Problem.Result(StatusCodes.Status400BadRequest, "Invalid JSON", "The body must be a JSON object."));
            }
            return (value, bytes);
        }
        catch (JsonException e)
        {
            // The parser's message names the path and position, never the value.
            return Outcome.Fail<IResult>(Problem.Result(StatusCodes.Status400BadRequest, "Invalid JSON", e.Message));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Problem.Result(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body must be at most {maxBytes} bytes.");
}
