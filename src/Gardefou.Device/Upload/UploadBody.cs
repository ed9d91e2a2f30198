using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Upload;

/// <summary>
/// Builds publish bodies padded to one fixed size, so that a real upload, an upload with withheld days and a dummy
/// upload are the same number of bytes on the wire (with TLS, the same to a network observer).
/// </summary>
internal static class UploadBody
{
    public const string HealthAuthorityId = "demo";

    /// <summary>Serializes <paramref name="request"/> with a padding that brings it to exactly <paramref name="size"/> bytes.</summary>
    public static byte[] Padded(PublishRequest request, int size)
    {
        var bare = JsonSerializer.SerializeToUtf8Bytes(request with { Padding = "" });
        var room = size - bare.Length;
        if (room < 4)
        {
            throw new InvalidOperationException($"An upload needs {bare.Length} bytes, more than the padded size {size}.");
        }
        // Base64 of random bytes, cut to the exact length left; the server ignores the content.
        var random = RandomNumberGenerator.GetBytes(((room / 4) + 1) * 3);
        var padding = Convert.ToBase64String(random)[..room];
        var body = JsonSerializer.SerializeToUtf8Bytes(request with { Padding = padding });
        if (body.Length != size)
        {
            throw new InvalidOperationException("Padding did not reach the target size.");
        }
        return body;
    }

    /// <summary>
    /// A dummy upload: 14 random keys on the last 14 days, a random certificate-sized payload and HMAC key. It is
    /// sent with <c>X-Chaff: 1</c>, so the server stores nothing, and padded like a real one.
    /// </summary>
    public static byte[] Chaff(DateTimeOffset now, int size)
    {
        var today = EnIntervalNumber.FromTime(now).DayStart;
        var keys = new List<PublishedKey>();
        for (var day = 14; day >= 1; day--)
        {
            keys.Add(new PublishedKey(TemporaryExposureKey.Generate().ToBase64(), (today + (-day * EnIntervalNumber.IntervalsPerDay)).Value, EnIntervalNumber.IntervalsPerDay, 0));
        }
        // A JWT-looking payload of a realistic length: header.claims.signature in base64url.
        static string Part(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = $"{Part(72)}.{Part(300)}.{Part(64)}";
        var request = new PublishRequest(keys, HealthAuthorityId, payload, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), false, "");
        return Padded(request, size);
    }
}
