using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Risk;

namespace Gardefou.Device.Exposure;

internal sealed partial class ExposureAnalysis
{
    private static readonly TimeSpan s_maxWindow = TimeSpan.FromMinutes(30);

    private List<DateOnly> Score(List<SightingMatch> matches, Dictionary<int, MatchedKey> keys)
    {
        if (matches.Count == 0)
        {
            return [];
        }
        var scans = new Dictionary<(int Key, DateOnly Day), List<(DateTimeOffset Time, ScanInstance Scan)>>();
        var aemks = new Dictionary<int, DerivedKey>();
        foreach (var match in matches)
        {
            var observation = _observations[_index[match.SightingIndex].Tag];
            if (!aemks.TryGetValue(match.KeyIndex, out var aemk))
            {
                aemk = KeySchedule.DeriveAemk(keys[match.KeyIndex].Key);
                aemks[match.KeyIndex] = aemk;
            }
            // The metadata, readable now that the key is public, carries the sender's transmit power.
            var metadata = KeySchedule.DecryptMetadata(aemk, observation.Rpi, observation.Aem);
            var typical = Math.Clamp(metadata.TransmitPowerDbm - observation.MeanRssiDbm, 0, ScanInstance.MaxAttenuationDb);
            var minimum = Math.Clamp(metadata.TransmitPowerDbm - observation.MaxRssiDbm, 0, typical);
            var day = DateOnly.FromDateTime(observation.ScanTime.UtcDateTime);
            if (!scans.TryGetValue((match.KeyIndex, day), out var list))
            {
                list = [];
                scans[(match.KeyIndex, day)] = list;
            }
            list.Add((observation.ScanTime, new ScanInstance(typical, minimum, Math.Min(observation.SecondsSinceLastScan, 86_400))));
        }

        var windows = new List<ExposureWindow>();
        foreach (var ((keyIndex, day), list) in scans)
        {
            var reportType = _risk.Configuration.ReportTypeFor(keys[keyIndex].ReportType);
            var infectiousness = _risk.Configuration.InfectiousnessFor(keys[keyIndex].DaysSinceOnset);
            // GAEN windows last at most 30 minutes; longer exposures to one key make several windows.
            list.Sort((a, b) => a.Time.CompareTo(b.Time));
            var windowStart = list[0].Time;
            var current = new List<ScanInstance>();
            foreach (var (time, scan) in list)
            {
                if (time - windowStart >= s_maxWindow)
                {
                    windows.Add(new ExposureWindow(day, reportType, infectiousness, CalibrationConfidence.Lowest, current));
                    current = [];
                    windowStart = time;
                }
                current.Add(scan);
            }
            windows.Add(new ExposureWindow(day, reportType, infectiousness, CalibrationConfidence.Lowest, current));
        }
        return [.. _risk.SummarizeDays(windows).Where(_risk.ShouldNotify).Select(d => d.Day)];
    }
}
