using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;

namespace Gardefou.Protocol.Tests.Matching;

/// <summary>
/// The matching rule written as plainly as possible, on the simple <see cref="KeySchedule"/>: the yardstick the
/// optimised paths are compared with. The window is spelled out here again rather than borrowed from the code under test.
/// </summary>
internal static class ReferenceMatcher
{
    public static List<SightingMatch> Match(IReadOnlyList<MatchKey> keys, IReadOnlyList<Sighting> sightings)
    {
        var byRpi = new Dictionary<RollingProximityIdentifier, List<int>>();
        for (var s = 0; s < sightings.Count; s++)
        {
            if (!byRpi.TryGetValue(sightings[s].Rpi, out var list))
            {
                byRpi[sightings[s].Rpi] = list = [];
            }
            list.Add(s);
        }
        var matches = new List<SightingMatch>();
        var rpis = new RollingProximityIdentifier[KeySchedule.IdentifiersPerKey];
        for (var k = 0; k < keys.Count; k++)
        {
            var validity = keys[k].Validity;
            KeySchedule.ComputeRpis(KeySchedule.DeriveRpik(keys[k].Key), validity.RollingStart, rpis);
            var keyEnd = validity.RollingStart.Value + validity.RollingPeriod;
            for (var i = 0; i < rpis.Length; i++)
            {
                var interval = validity.RollingStart.Value + i;
                if (!byRpi.TryGetValue(rpis[i], out var heard))
                {
                    continue;
                }
                foreach (var s in heard)
                {
                    var h = sightings[s].HeardAt.Value;
                    if (h >= interval - 12 && h <= interval + 12 && h < keyEnd)
                    {
                        matches.Add(new SightingMatch(k, s, new(interval)));
                    }
                }
            }
        }
        return matches;
    }
}
