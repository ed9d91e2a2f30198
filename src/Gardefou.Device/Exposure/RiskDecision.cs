using Gardefou.Protocol.Export;

namespace Gardefou.Device.Exposure;

/// <summary>Which days notify, given the exposure windows found.</summary>
internal static class RiskDecision
{
    /// <summary>Weighted minutes a day needs to notify.</summary>
    public const double ThresholdMinutes = 15;

    public static IReadOnlyList<DateOnly> DaysToNotify(IEnumerable<(DateOnly Day, DiagnosisKey Key, IReadOnlyList<ExposureScan> Scans)> windows)
    {
        var perDay = new Dictionary<DateOnly, double>();
        foreach (var (day, key, scans) in windows)
        {
            if (key.ReportType is ReportType.Revoked)
            {
                continue;
            }
            double seconds = 0;
            foreach (var scan in scans)
            {
                seconds += scan.SecondsSinceLastScan * BucketWeight(scan.TypicalAttenuation);
            }
            perDay[day] = perDay.GetValueOrDefault(day) + seconds;
        }
        return [.. perDay.Where(d => d.Value >= ThresholdMinutes * 60).Select(d => d.Key).Order()];
    }

    private static double BucketWeight(int attenuation) => attenuation switch
    {
        <= 55 => 1.0,
        <= 63 => 0.5,
        _ => 0.0,
    };
}
