using System.Security.Cryptography;
using System.Text;
using Gardefou.Device.Keys;

namespace Gardefou.Device.Upload;

/// <summary>
/// The HMAC binding a verification certificate to exactly the keys uploaded, as the verification protocol defines
/// it: per key <c>base64(key).rollingStart.rollingPeriod.transmissionRisk</c>, sorted ordinally, joined by commas,
/// HMAC-SHA256 under a fresh secret, in base64.
/// </summary>
internal static class TekHmac
{
    public static string Compute(IReadOnlyList<DeviceKey> keys, int transmissionRisk, ReadOnlySpan<byte> secret)
    {
        var segments = keys
            .Select(k => FormattableString.Invariant($"{k.Key.ToBase64()}.{k.Validity.RollingStart.Value}.{k.Validity.RollingPeriod}.{transmissionRisk}"))
            .Order(StringComparer.Ordinal);
        var text = Encoding.UTF8.GetBytes(string.Join(',', segments));
        return Convert.ToBase64String(HMACSHA256.HashData(secret, text));
    }
}
