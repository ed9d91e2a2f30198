using Gardefou.Protocol.Export;
using Gardefou.Protocol.Risk;

namespace Gardefou.Simulation.Radio;

/// <summary>
/// Applies the real GAEN v2 risk model of <c>Gardefou.Protocol.Risk</c> to simulated scans: each heard scan becomes a
/// <see cref="ScanInstance"/>, consecutive scans of one contact are cut into exposure windows of at most 30 minutes,
/// and <see cref="RiskScorer"/> sums them per day against the configured threshold.
/// </summary>
public sealed class ExposureScoring
{
    /// <summary>Simulation day 0 as a UTC date (any date works; GAEN only keeps days).</summary>
    public static readonly DateOnly DayZero = new(2020, 9, 1);

    private const int WindowSeconds = 30 * 60;
    private readonly int _secondsPerScan;

    /// <summary>A scorer for scans taken every <paramref name="secondsPerScan"/> seconds.</summary>
    public ExposureScoring(RiskConfiguration configuration, int secondsPerScan)
    {
        Scorer = new RiskScorer(configuration);
        _secondsPerScan = secondsPerScan;
    }

    /// <summary>The protocol's scorer.</summary>
    public RiskScorer Scorer { get; }

    /// <summary>Weighted seconds of one contact (bucket weights only), without allocating.</summary>
    public double WeightedSeconds(ReadOnlySpan<byte> attenuations)
    {
        var seconds = 0.0;
        foreach (var a in attenuations)
        {
            if (a != 0)
            {
                seconds += _secondsPerScan * Scorer.WeightOf(Scorer.BucketOf(a));
            }
        }
        return seconds;
    }

    /// <summary>Adds the exposure windows of one contact on simulation day <paramref name="day"/> to <paramref name="into"/>.</summary>
    public void AddWindows(List<ExposureWindow> into, int day, int? daysSinceOnset, ReadOnlySpan<byte> attenuations)
    {
        var date = DayZero.AddDays(day);
        var infectiousness = Scorer.Configuration.InfectiousnessFor(daysSinceOnset);
        var perWindow = Math.Max(1, WindowSeconds / _secondsPerScan);
        for (var start = 0; start < attenuations.Length; start += perWindow)
        {
            var scans = new List<ScanInstance>(perWindow);
            foreach (var a in attenuations.Slice(start, Math.Min(perWindow, attenuations.Length - start)))
            {
                if (a != 0)
                {
                    scans.Add(new ScanInstance(a, a, _secondsPerScan));
                }
            }
            if (scans.Count > 0)
            {
                into.Add(new ExposureWindow(date, ReportType.ConfirmedTest, infectiousness, CalibrationConfidence.Medium, scans));
            }
        }
    }

    /// <summary>Whether the windows of one day warrant a notification under the configuration.</summary>
    public bool ShouldNotify(IEnumerable<ExposureWindow> windows) => Scorer.SummarizeDays(windows).Any(Scorer.ShouldNotify);
}
