namespace Gardefou.Protocol.Risk;

/// <summary>
/// The distance class of a scan, from its typical attenuation against the configured thresholds:
/// immediate ≤ T1 &lt; near ≤ T2 &lt; medium ≤ T3 &lt; other.
/// </summary>
public enum AttenuationBucket
{
    /// <summary>Attenuation at most the immediate threshold.</summary>
    Immediate,

    /// <summary>Above the immediate threshold, at most the near threshold.</summary>
    Near,

    /// <summary>Above the near threshold, at most the medium threshold.</summary>
    Medium,

    /// <summary>Above the medium threshold.</summary>
    Other,
}
