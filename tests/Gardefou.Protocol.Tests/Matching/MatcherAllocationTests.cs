using Gardefou.Protocol.Matching;

namespace Gardefou.Protocol.Tests.Matching;

public class MatcherAllocationTests
{
    [Fact]
    public void Vectorized_matching_allocates_nothing_per_key_in_steady_state()
    {
        if (!ExposureMatcher.IsHardwareAccelerated)
        {
            Assert.Skip("This processor lacks AVX-512 or AES-NI: the zero-allocation promise is the vectorized path's.");
        }
        var data = new MatchingData(11);
        var keys = data.Keys(4000);
        var index = new SightingIndex(Enumerable.Range(0, 3000).Select(i => data.NextRandomSighting(i)).ToArray());
        var matches = new List<SightingMatch>(16);
        // Warm up with the very calls measured below: one-time work (lazy statics, the JIT's tier-up of the hot loop)
        // may allocate once, on whichever call triggers it; the promise is about the steady state.
        ExposureMatcher.Match(keys.AsSpan(0, 1000), index, matches);
        ExposureMatcher.Match(keys, index, matches);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ExposureMatcher.Match(keys.AsSpan(0, 1000), index, matches);
        var afterThousand = GC.GetAllocatedBytesForCurrentThread();
        ExposureMatcher.Match(keys, index, matches);
        var afterFourThousand = GC.GetAllocatedBytesForCurrentThread();

        Assert.Empty(matches);
        Assert.Equal(0, afterThousand - before);
        Assert.Equal(0, afterFourThousand - afterThousand);
    }

    [Fact]
    public void Matches_only_allocate_when_the_destination_grows()
    {
        if (!ExposureMatcher.IsHardwareAccelerated)
        {
            Assert.Skip("This processor lacks AVX-512 or AES-NI: the zero-allocation promise is the vectorized path's.");
        }
        var data = new MatchingData(12);
        var keys = data.Keys(64);
        var rpis = new Gardefou.Protocol.Keys.RollingProximityIdentifier[144];
        var sightings = new List<Sighting>();
        for (var k = 0; k < keys.Length; k += 4)
        {
            Gardefou.Protocol.Keys.KeySchedule.ComputeRpis(Gardefou.Protocol.Keys.KeySchedule.DeriveRpik(keys[k].Key), keys[k].Validity.RollingStart, rpis);
            sightings.Add(new Sighting(rpis[k], keys[k].Validity.RollingStart + k));
        }
        var index = new SightingIndex(sightings.ToArray());
        var matches = new List<SightingMatch>(64);
        ExposureMatcher.Match(keys, index, matches);
        matches.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        ExposureMatcher.Match(keys, index, matches);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(16, matches.Count);
    }
}
