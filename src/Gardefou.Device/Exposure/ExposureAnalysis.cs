using Gardefou.Device.Observations;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Risk;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Exposure;

/// <summary>
/// From downloaded diagnosis keys and the phone's observations to the days at risk: match with the protocol's
/// matcher (which applies the ±2 h replay window), turn each matched scan into a scan instance with attenuations
/// (transmit power from the now decryptable metadata minus the calibrated RSSI), group scan instances into one
/// exposure window per key, UTC day and 30 minutes, and let the GAEN v2 risk model decide which days notify.
/// </summary>
internal sealed class ExposureAnalysis
{
    private readonly IReadOnlyList<Observation> _observations;
    private static readonly TimeSpan s_maxWindow = TimeSpan.FromMinutes(30);

    private readonly SightingIndex _index;
    private readonly RiskScorer _risk;

    public ExposureAnalysis(IReadOnlyList<Observation> observations, RiskScorer risk)
    {
        _risk = risk;
        _observations = observations;
        var sightings = new Sighting[observations.Count];
        for (var i = 0; i < sightings.Length; i++)
        {
            sightings[i] = new Sighting(observations[i].Rpi, EnIntervalNumber.FromTime(observations[i].ScanTime), i);
        }
        _index = new SightingIndex(sightings);
    }

    /// <summary>The days on which <paramref name="keys"/> put this phone at risk.</summary>
    public IReadOnlyList<DateOnly> DaysAtRisk(IReadOnlyList<DiagnosisKey> keys)
    {
        if (_observations.Count == 0 || keys.Count == 0)
        {
            return [];
        }
        var matchKeys = new MatchKey[keys.Count];
        for (var i = 0; i < matchKeys.Length; i++)
        {
            matchKeys[i] = new MatchKey(keys[i].Key, keys[i].Validity);
        }
        var matches = ExposureMatcher.Match(matchKeys, _index);
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
            var rpi = observation.Rpi;
            var metadata = KeySchedule.DecryptMetadata(aemk, rpi, observation.Aem);
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
            var key = keys[keyIndex];
            var reportType = _risk.Configuration.ReportTypeFor(key.ReportType);
            var infectiousness = _risk.Configuration.InfectiousnessFor(key.DaysSinceOnsetOfSymptoms);
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
