using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Serializes publish responses to exactly one size (the <c>padding</c> field takes up the rest), so success,
/// chaff and error bodies all weigh the same on the wire. Error bodies are also RFC 9457 problem details.
/// </summary>
public static class PublishResponseWriter
{
    private const string PaddingAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Writes <paramref name="response"/> (and <paramref name="error"/>, if any) padded to <paramref name="size"/> bytes.</summary>
    public static byte[] Write(PublishResponse response, PublishError? error, int size)
    {
        var unpadded = Serialize(response, error, "");
        var missing = size - unpadded.Length;
        if (missing <= 0)
        {
            return unpadded;
        }
        var padding = string.Create(missing, 0, static (span, _) =>
        {
            Span<byte> random = stackalloc byte[256];
            for (var offset = 0; offset < span.Length; offset += random.Length)
            {
                RandomNumberGenerator.Fill(random);
                var count = Math.Min(random.Length, span.Length - offset);
                for (var i = 0; i < count; i++)
                {
                    span[offset + i] = PaddingAlphabet[random[i] & 63];
                }
            }
        });
        return Serialize(response, error, padding);
    }

    private static byte[] Serialize(PublishResponse response, PublishError? error, string padding)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        // Relaxed escaping keeps '+' and '/' of base64 as one byte each, so a body's size never depends on its random content.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (error is not null)
            {
                json.WriteString("type", $"https://httpstatuses.io/{error.Status}");
                json.WriteString("title", error.Status == 410 ? "Service ended" : "Publish refused");
                json.WriteNumber("status", error.Status);
                json.WriteString("detail", error.Message);
            }
            // Google's omitempty: a member with its zero value is not written at all.
            if (!string.IsNullOrEmpty(response.RevisionToken))
            {
                json.WriteString("revisionToken", response.RevisionToken);
            }
            if (response.InsertedExposures != 0)
            {
                json.WriteNumber("insertedExposures", response.InsertedExposures);
            }
            if ((error?.Message ?? response.Error) is { Length: > 0 } message)
            {
                json.WriteString("error", message);
            }
            if ((error?.Code ?? response.Code) is { Length: > 0 } code)
            {
                json.WriteString("code", code);
            }
            if (response.Warnings is { Count: > 0 } warnings)
            {
                json.WriteStartArray("warnings");
                foreach (var warning in warnings)
                {
                    json.WriteStringValue(warning);
                }
                json.WriteEndArray();
            }
            json.WriteString("padding", padding);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
