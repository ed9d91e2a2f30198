using Gardefou.Protocol.Keys;

namespace Gardefou.Protocol.Matching;

public static partial class ExposureMatcher
{
    private static bool VectorizedSupported => false;

    private static void MatchVectorized(ReadOnlySpan<MatchKey> keys, SightingIndex index, List<SightingMatch> destination) =>
        MatchPortable(keys, index, destination);

    private static void MatchPortable(ReadOnlySpan<MatchKey> keys, SightingIndex index, List<SightingMatch> destination)
    {
        Span<RollingProximityIdentifier> rpis = stackalloc RollingProximityIdentifier[KeySchedule.IdentifiersPerKey];
        for (var k = 0; k < keys.Length; k++)
        {
            ref readonly var key = ref keys[k];
            if (IsOutOfRange(key))
            {
                continue;
            }
            var count = MatchWindow.MatchableIdentifiers(key.Validity);
            var start = key.Validity.RollingStart;
            KeySchedule.ComputeRpis(KeySchedule.DeriveRpik(key.Key), start, rpis[..count]);
            long keyEnd = key.Validity.End.Value;
            for (var i = 0; i < count; i++)
            {
                var value = rpis[i].Value;
                if (index.MayContain(unchecked((ulong)value)))
                {
                    Probe(index, k, keyEnd, (long)start.Value + i, value, destination);
                }
            }
        }
    }
}
