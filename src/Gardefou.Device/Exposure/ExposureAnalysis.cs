using Gardefou.Device.Observations;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Exposure;

/// <summary>
/// From downloaded diagnosis keys and the phone's observations to the days at risk: match with the protocol's
/// matcher (which applies the ±2 h replay window), turn each matched scan into a scan instance with attenuations
/// (transmit power from the now decryptable metadata minus the calibrated RSSI), group scan instances into one
/// exposure window per key and UTC day, and let the risk model decide which days notify.
/// </summary>
internal sealed class ExposureAnalysis
{
    private readonly IReadOnlyList<Observation> _observations;
    private readonly SightingIndex _index;

    public ExposureAnalysis(IReadOnlyList<Observation> observations)
    {
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

        var windows = new Dictionary<(int Key, DateOnly Day), List<ExposureScan>>();
        var aemks = new Dictionary<int, DerivedKey>();
        foreach (var match in matches)
        {
            var observation = _observations[_index[match.SightingIndex].Tag];
            if (!aemks.TryGetValue(match.KeyIndex, out var aemk))
            {
                aemk = KeySchedule.DeriveAemk(keys[match.KeyIndex].Key);
                aemks[match.KeyIndex] = aemk;
            }
            var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(keys[match.KeyIndex].Key), match.RpiInterval);
            var metadata = KeySchedule.DecryptMetadata(aemk, rpi, observation.Aem);
            var day = DateOnly.FromDateTime(observation.ScanTime.UtcDateTime);
            if (!windows.TryGetValue((match.KeyIndex, day), out var scans))
            {
                scans = [];
                windows[(match.KeyIndex, day)] = scans;
            }
            scans.Add(new ExposureScan(
                TypicalAttenuation: metadata.TransmitPowerDbm - observation.MeanRssiDbm,
                MinimumAttenuation: metadata.TransmitPowerDbm - observation.MaxRssiDbm,
                observation.SecondsSinceLastScan));
        }
        return RiskDecision.DaysToNotify(windows.Select(w => (w.Key.Day, keys[w.Key.Key], (IReadOnlyList<ExposureScan>)w.Value)));
    }
}
