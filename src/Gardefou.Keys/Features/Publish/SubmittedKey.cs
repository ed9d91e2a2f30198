using Gardefou.Protocol.Keys;

namespace Gardefou.Keys.Features.Publish;

/// <summary>A key of a publish request that passed the per-key rules; <see cref="Base64"/> is the text the client sent; <see cref="Index"/> its position in the request.</summary>
public readonly record struct SubmittedKey(TemporaryExposureKey Key, string Base64, int RollingStart, int RollingPeriod, int TransmissionRisk, int Index = 0)
{
    /// <summary>The first interval after the key's validity.</summary>
    public int End => RollingStart + RollingPeriod;
}
