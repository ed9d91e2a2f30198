namespace Gardefou.Simulation.Parameters;

/// <summary>Adversaries of the privacy catalogue (IDs as in docs/simulation.md, "Privacy adversaries").</summary>
public sealed record PrivacyParameters
{
    /// <summary>BLE sniffers (C3-1), each placed at one school or workplace chosen at random (corona-sniffer used 400 over 1.5 km²).</summary>
    public int Sniffers { get; init; } = 100;

    /// <summary>App users passing a replay or relay station per day (C4-1, C4-2).</summary>
    public int PassersPerDay { get; init; } = 200;

    /// <summary>Dummy uploads per person per day (DP-3T: Poisson 0.2/day) for the network observer (C6-1).</summary>
    public double ChaffPerDay { get; init; } = 0.2;

    /// <summary>Days the network observer watches (DP-3T example: 10).</summary>
    public int ObserverWindowDays { get; init; } = 10;

    /// <summary>People sampled per day to estimate all app-to-app contacts (denominator of C1-2).</summary>
    public int ContactSample { get; init; } = 200;
}
