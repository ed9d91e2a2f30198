namespace Gardefou.Protocol.Risk;

/// <summary>
/// How much the receiver trusts the transmit-power calibration behind the attenuations of a window
/// (GAEN's values). It is reported, not scored.
/// </summary>
public enum CalibrationConfidence
{
    /// <summary>No calibration data.</summary>
    Lowest = 0,

    /// <summary>Calibration from a similar device model.</summary>
    Low = 1,

    /// <summary>Calibration of the device model, without the transmitter's own value.</summary>
    Medium = 2,

    /// <summary>Calibration of both devices.</summary>
    High = 3,
}
