namespace Gardefou.Simulation.Radio;

/// <summary>
/// Turns what a phone heard into GAEN weighted minutes: each scan counts its seconds times the weight of its
/// attenuation bucket (Corona-Warn-App thresholds 55/63 dB, weights 1.0/0.5, from the Dublin dataset configs).
/// A day whose weighted minutes reach the threshold notifies.
/// </summary>
public sealed class NotificationRule
{
    /// <summary>The Corona-Warn-App configuration.</summary>
    public static NotificationRule CoronaWarnApp { get; } = new([55, 63], [1.0, 0.5]);

    private readonly byte[] _thresholds;
    private readonly double[] _weights;

    /// <summary>Buckets: attenuation ≤ thresholds[i] (first match) gets weights[i]; above the last, weight 0.</summary>
    public NotificationRule(IReadOnlyList<byte> thresholds, IReadOnlyList<double> weights)
    {
        if (thresholds.Count != weights.Count || thresholds.Count == 0)
        {
            throw new ArgumentException("one weight per threshold");
        }
        _thresholds = [.. thresholds];
        _weights = [.. weights];
    }

    /// <summary>Weighted minutes of one contact: scans with attenuation 0 were missed.</summary>
    public double WeightedMinutes(ReadOnlySpan<byte> attenuations, int secondsPerScan)
    {
        var seconds = 0.0;
        foreach (var a in attenuations)
        {
            if (a == 0)
            {
                continue;
            }
            for (var b = 0; b < _thresholds.Length; b++)
            {
                if (a <= _thresholds[b])
                {
                    seconds += secondsPerScan * _weights[b];
                    break;
                }
            }
        }
        return seconds / 60.0;
    }
}
