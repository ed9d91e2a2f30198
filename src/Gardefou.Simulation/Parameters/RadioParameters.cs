namespace Gardefou.Simulation.Parameters;

/// <summary>
/// Bluetooth Low Energy channel between two phones, in GAEN attenuation (tx power − calibrated RSSI).
/// Log-distance path loss with log-normal shadowing; body and carry losses; per-handset residual calibration
/// error; vehicles modelled as distance-independent (Leith &amp; Farrell 2020 bus and tram measurements).
/// </summary>
public sealed record RadioParameters
{
    /// <summary>Attenuation at 1 m, line of sight (GAEN calibration reference ≈ 45–50 dB).</summary>
    public double AttenuationAt1MetreDb { get; init; } = 48;

    /// <summary>Path-loss exponent indoors (2 free space; 2–3 indoors per the DP-3T measurements).</summary>
    public double PathLossExponent { get; init; } = 2.3;

    /// <summary>Shadowing per contact (dB, normal sd): orientation, walls, other bodies.</summary>
    public double ShadowingSdDb { get; init; } = 6;

    /// <summary>Fast fading per scan (dB, normal sd).</summary>
    public double FadingSdDb { get; init; } = 4;

    /// <summary>Probability that a phone is in a hand, trouser pocket, bag, coat pocket.</summary>
    public IReadOnlyList<double> CarryShare { get; init; } = [0.25, 0.40, 0.20, 0.15];

    /// <summary>Extra loss (dB) for a phone in a hand, trouser pocket, bag, coat pocket (body shadowing).</summary>
    public IReadOnlyList<double> CarryLossDb { get; init; } = [0, 6, 9, 7];

    /// <summary>Residual per-handset calibration error after the GAEN correction table (dB, normal sd; raw spread is ±30 dB).</summary>
    public double HandsetOffsetSdDb { get; init; } = 5;

    /// <summary>Mean attenuation inside a bus or tram, independent of distance (metal multipath; Leith &amp; Farrell).</summary>
    public double VehicleMeanDb { get; init; } = 65;

    /// <summary>Spread inside a vehicle (dB sd): ±10 dB from changing who holds the phone.</summary>
    public double VehicleSdDb { get; init; } = 10;

    /// <summary>Seconds between scans (GAEN scans every 3–5 minutes).</summary>
    public int SecondsBetweenScans { get; init; } = 300;

    /// <summary>Probability that a scan misses an advertisement entirely.</summary>
    public double ScanLossProbability { get; init; } = 0.1;

    /// <summary>Distance that defines an epidemiologically close contact (ground truth for true/false alerts).</summary>
    public double CloseContactMetres { get; init; } = 2;

    /// <summary>Minutes that define an epidemiologically close contact (ground truth).</summary>
    public double CloseContactMinutes { get; init; } = 15;
}
