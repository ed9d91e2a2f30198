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

    /// <summary>Google's Android app pads every request to 5,000 bytes (network/Padding.java TARGET_PAYLOAD_SIZE_BYTES).</summary>
    public const int TargetSize = 5000;

    /// <summary>Size of every <c>/api/verify</c> and <c>/api/certificate</c> body, real or dummy.</summary>
    public const int VerificationBodySize = TargetSize;

    /// <summary>The test types the app accepts on <c>/api/verify</c>: all four, as Google's app (DiagnosisAttestor SUPPORTED_TEST_TYPES).</summary>
    public static readonly IReadOnlyList<string> AcceptedTestTypes = ["confirmed", "likely", "negative", "user-report"];

    /// <summary>Serializes <paramref name="request"/> with a padding that brings it to exactly <paramref name="size"/> bytes.</summary>
    public static byte[] Padded(PublishRequest request, int size) => Padded(padding => request with { Padding = padding }, size);

    /// <summary>A JSON object of string members plus a <c>padding</c> member, exactly <paramref name="size"/> bytes.</summary>
    public static byte[] Padded(IReadOnlyDictionary<string, string> members, int size) =>
        Padded(padding => new Dictionary<string, string>(members) { ["padding"] = padding }, size);

    /// <summary>The <c>/api/verify</c> body Google's app sends: the code and the accepted test types, padded.</summary>
    public static byte[] Verify(string code, int size) => Padded(padding => new VerifyCodeRequest(code, AcceptedTestTypes, padding), size);

    private static byte[] Padded<T>(Func<string, T> build, int size)
    {
        var bare = JsonSerializer.SerializeToUtf8Bytes(build(""));
        var room = size - bare.Length;
        if (room < 0)
        {
            throw new InvalidOperationException($"A request needs {bare.Length} bytes, more than the padded size {size}.");
        }
        // Random base64url characters, which JSON never escapes, so one character is one byte; the server ignores them.
        var random = RandomNumberGenerator.GetBytes(((room / 4) + 1) * 3);
        var padding = Convert.ToBase64String(random).Replace('+', '-').Replace('/', '_')[..room];
        var body = JsonSerializer.SerializeToUtf8Bytes(build(padding));
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
