using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;

namespace Gardefou.Protocol.Certificates;

/// <summary>
/// One key of a publish request as the TEK HMAC sees it: the base64 text exactly as sent and three integers.
/// Values are taken as they are, unvalidated, because the MAC covers what the device sent, including keys the
/// key service will later drop.
/// </summary>
/// <param name="Key">Standard padded base64 of the 16-byte key, as in the request.</param>
/// <param name="RollingStartNumber">EN interval number of the key's start.</param>
/// <param name="RollingPeriod">Number of intervals the key was valid.</param>
/// <param name="TransmissionRisk">Transmission risk as sent (0 when the server is to fill it).</param>
public readonly record struct TekMacKey(string Key, int RollingStartNumber, int RollingPeriod, int TransmissionRisk)
{
    /// <summary>The MAC input of a typed key.</summary>
    public TekMacKey(TemporaryExposureKey key, int rollingStartNumber, int rollingPeriod, int transmissionRisk)
        : this(key.ToBase64(), rollingStartNumber, rollingPeriod, transmissionRisk)
    {
    }

    /// <summary>Hides the key so that it cannot leak into logs.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"TekMacKey(redacted, {RollingStartNumber}, {RollingPeriod}, {TransmissionRisk})");

    /// <summary>The MAC input of a diagnosis key.</summary>
    public static TekMacKey From(DiagnosisKey key) =>
        new(key.Key, key.Validity.RollingStart.Value, key.Validity.RollingPeriod, key.TransmissionRiskLevel);
}
