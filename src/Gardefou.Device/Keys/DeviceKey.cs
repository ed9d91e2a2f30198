using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Keys;

/// <summary>One of the phone's own Temporary Exposure Keys with the window in which it was (or is) broadcast.</summary>
/// <param name="Key">The key itself; its <c>ToString</c> is redacted.</param>
/// <param name="Validity">Rolling start and rolling period.</param>
public readonly record struct DeviceKey(TemporaryExposureKey Key, KeyValidity Validity)
{
    /// <summary>The UTC day the key belongs to.</summary>
    public DateOnly Day => Validity.RollingStart.Day;
}
