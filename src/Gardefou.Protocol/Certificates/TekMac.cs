using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gardefou.Protocol.Certificates;

/// <summary>
/// The TEK HMAC that binds a verification certificate to the exact keys a device will publish, computed as
/// Google's verification protocol does: per key <c>base64(key).rollingStart.rollingPeriod.transmissionRisk</c>,
/// sorted by the base64 key with ordinal comparison, joined with ",", HMAC-SHA256 under a random secret of the
/// device. The verification server only ever sees this MAC, never the keys.
/// </summary>
/// <remarks>
/// When every transmission risk is 0 the key server also accepts the MAC of the three-segment form without the
/// risk, because some devices computed it that way (<see cref="Matches"/> tries both).
/// </remarks>
public static class TekMac
{
    /// <summary>Length of the MAC in bytes.</summary>
    public const int Size = 32;

    /// <summary>The text that is MACed; <paramref name="includeTransmissionRisk"/> false gives the alternate form.</summary>
    public static string Cleartext(IEnumerable<TekMacKey> keys, bool includeTransmissionRisk = true)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var segments = keys
            .Select(k => (k.Key, Segment: Segment(k, includeTransmissionRisk)))
            // Ordinal on the key first, as Go's strings.Compare; the whole segment breaks ties deterministically.
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ThenBy(s => s.Segment, StringComparer.Ordinal)
            .Select(s => s.Segment);
        return string.Join(',', segments);
    }

    /// <summary>HMAC-SHA256 of the four-segment cleartext under <paramref name="secret"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> secret, IEnumerable<TekMacKey> keys) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(Cleartext(keys)));

    /// <summary>HMAC-SHA256 of the three-segment alternate cleartext (only meaningful when every risk is 0).</summary>
    public static byte[] ComputeAlternate(ReadOnlySpan<byte> secret, IEnumerable<TekMacKey> keys) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(Cleartext(keys, includeTransmissionRisk: false)));

    /// <summary>The MAC as standard padded base64, the form of the <c>tekmac</c> claim and of <c>ekeyhmac</c>.</summary>
    public static string ComputeBase64(ReadOnlySpan<byte> secret, IEnumerable<TekMacKey> keys) =>
        Convert.ToBase64String(Compute(secret, keys));

    /// <summary>
    /// Whether <paramref name="mac"/> is the MAC of <paramref name="keys"/> under <paramref name="secret"/>, in
    /// constant time; the alternate form is also accepted when every transmission risk is 0.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> secret, IReadOnlyList<TekMacKey> keys, ReadOnlySpan<byte> mac)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var primary = Compute(secret, keys);
        var matches = CryptographicOperations.FixedTimeEquals(primary, mac);
        if (keys.All(k => k.TransmissionRisk == 0))
        {
            matches |= CryptographicOperations.FixedTimeEquals(ComputeAlternate(secret, keys), mac);
        }
        return matches;
    }

    private static string Segment(TekMacKey key, bool includeTransmissionRisk) => includeTransmissionRisk
        ? string.Create(CultureInfo.InvariantCulture, $"{key.Key}.{key.RollingStartNumber}.{key.RollingPeriod}.{key.TransmissionRisk}")
        : string.Create(CultureInfo.InvariantCulture, $"{key.Key}.{key.RollingStartNumber}.{key.RollingPeriod}");
}
