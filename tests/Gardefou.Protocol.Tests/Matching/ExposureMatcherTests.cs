using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Tests.Vectors;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Tests.Matching;

public class ExposureMatcherTests
{
    private static readonly GaenVectors s_vectors = GaenVectors.Load();

    /// <summary>Path names (the enum is internal, so theories take its name).</summary>
    public static TheoryData<string> Paths => new(nameof(MatcherPath.Portable), nameof(MatcherPath.Vectorized), nameof(MatcherPath.Auto));

    internal static List<SightingMatch> Run(string pathName, ReadOnlySpan<MatchKey> keys, SightingIndex index)
    {
        var path = Enum.Parse<MatcherPath>(pathName);
        if (path == MatcherPath.Vectorized && !ExposureMatcher.IsHardwareAccelerated)
        {
            Assert.Skip("This processor lacks AVX-512 or AES-NI: the vectorized path cannot run here.");
        }
        var matches = new List<SightingMatch>();
        var added = ExposureMatcher.Match(keys, index, matches, path);
        Assert.Equal(matches.Count, added);
        return matches;
    }

    private static MatchKey VectorKey() =>
        new(TemporaryExposureKey.FromHex(s_vectors.Tek), new KeyValidity(new EnIntervalNumber(s_vectors.FirstInterval), 144));

    [Theory]
    [MemberData(nameof(Paths))]
    public void All_144_published_identifiers_heard_at_their_interval_are_found(string path)
    {
        var sightings = s_vectors.Intervals
            .Select((v, i) => new Sighting(RollingProximityIdentifier.FromHex(v.Rpi), new EnIntervalNumber(v.Interval), i))
            .ToArray();
        var matches = Run(path, [VectorKey()], new SightingIndex(sightings));

        Assert.Equal(144, matches.Count);
        for (var i = 0; i < 144; i++)
        {
            Assert.Equal(new SightingMatch(0, i, new EnIntervalNumber(s_vectors.Intervals[i].Interval)), matches[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Replayed_identifier_three_hours_late_is_not_an_exposure_but_one_hour_late_is(string path)
    {
        var (interval, rpi, _) = s_vectors.Intervals[40];
        var id = RollingProximityIdentifier.FromHex(rpi);
        Sighting[] sightings =
        [
            new(id, new EnIntervalNumber(interval + 18)), // 3 h late: a replay
            new(id, new EnIntervalNumber(interval + 6)),  // 1 h late: clock drift
        ];
        var matches = Run(path, [VectorKey()], new SightingIndex(sightings));
        Assert.Equal([new SightingMatch(0, 1, new EnIntervalNumber(interval))], matches);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Window_is_twelve_intervals_either_side_inclusive(string path)
    {
        var (interval, rpi, _) = s_vectors.Intervals[60];
        var id = RollingProximityIdentifier.FromHex(rpi);
        int[] offsets = [-13, -12, 0, 12, 13];
        var sightings = offsets.Select(o => new Sighting(id, new EnIntervalNumber(interval + o))).ToArray();
        var matched = Run(path, [VectorKey()], new SightingIndex(sightings)).Select(m => offsets[m.SightingIndex]);
        Assert.Equal([-12, 0, 12], matched);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Nothing_is_accepted_after_the_key_ended(string path)
    {
        // A same-day key used for 72 intervals: its identifiers for later intervals were never broadcast, and once the key
        // is public anybody can make them. One heard after the end is refused; one heard before the end (a sender's
        // clock running fast) is accepted.
        var key = VectorKey() with { Validity = new KeyValidity(new EnIntervalNumber(s_vectors.FirstInterval), 72) };
        var (interval, rpi, _) = s_vectors.Intervals[80];
        var id = RollingProximityIdentifier.FromHex(rpi);
        Sighting[] sightings = [new(id, new EnIntervalNumber(interval)), new(id, new EnIntervalNumber(s_vectors.FirstInterval + 71))];
        var edge = RollingProximityIdentifier.FromHex(s_vectors.Intervals[143].Rpi);
        Sighting[] fullDay = [new(edge, new EnIntervalNumber(s_vectors.FirstInterval + 144)), new(edge, new EnIntervalNumber(s_vectors.FirstInterval + 143))];

        Assert.Equal([new SightingMatch(0, 1, new EnIntervalNumber(interval))], Run(path, [key], new SightingIndex(sightings)));
        Assert.Equal([1], Run(path, [VectorKey()], new SightingIndex(fullDay)).Select(m => m.SightingIndex));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Random_keys_never_match_random_sightings(string path)
    {
        var data = new MatchingData(7);
        var keys = data.Keys(300);
        var sightings = Enumerable.Range(0, 5000).Select(i => data.NextRandomSighting(i)).ToArray();
        Assert.Empty(Run(path, keys, new SightingIndex(sightings)));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_equals_the_simple_key_schedule_on_random_inputs(string path)
    {
        for (var seed = 1; seed <= 4; seed++)
        {
            var data = new MatchingData(seed);
            var keys = data.Keys(37 + seed * 11, fullDay: seed % 2 == 0);
            var sightings = new List<Sighting>();
            for (var i = 0; i < 400; i++)
            {
                sightings.Add(data.NextRandomSighting());
            }
            // Planted: identifiers of some keys heard around (and sometimes far from) their own interval, some heard twice.
            var rpis = new RollingProximityIdentifier[144];
            foreach (var k in Enumerable.Range(0, keys.Length).Where(k => k % 3 == 0))
            {
                KeySchedule.ComputeRpis(KeySchedule.DeriveRpik(keys[k].Key), keys[k].Validity.RollingStart, rpis);
                for (var n = 0; n < 6; n++)
                {
                    var i = data.Next(0, 144);
                    var heard = keys[k].Validity.RollingStart.Value + i + data.Next(-16, 17);
                    sightings.Add(new Sighting(rpis[i], new EnIntervalNumber(heard), k));
                    if (n % 2 == 0)
                    {
                        sightings.Add(new Sighting(rpis[i], new EnIntervalNumber(heard + 1), k));
                    }
                }
            }
            var shuffled = sightings.OrderBy(_ => data.Next(0, int.MaxValue)).ToArray();
            var expected = ReferenceMatcher.Match(keys, shuffled);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Run(path, keys, new SightingIndex(shuffled)));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_key_matches_sightings_heard_up_to_two_hours_before_its_day_and_none_after_it(string path)
    {
        // The first identifier heard in the previous day's last two hours, the last one after the key's day.
        var first = s_vectors.Intervals[0];
        var last = s_vectors.Intervals[143];
        Sighting[] sightings =
        [
            new(RollingProximityIdentifier.FromHex(first.Rpi), new EnIntervalNumber(first.Interval - 12)),
            new(RollingProximityIdentifier.FromHex(first.Rpi), new EnIntervalNumber(first.Interval - 13)),
            new(RollingProximityIdentifier.FromHex(last.Rpi), new EnIntervalNumber(last.Interval + 1)),
            new(RollingProximityIdentifier.FromHex(last.Rpi), new EnIntervalNumber(last.Interval)),
        ];
        Assert.Equal(0, s_vectors.FirstInterval % 144);
        var matches = Run(path, [VectorKey()], new SightingIndex(sightings));
        Assert.Equal([new SightingMatch(0, 0, new EnIntervalNumber(first.Interval)), new SightingMatch(0, 3, new EnIntervalNumber(last.Interval))], matches);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Keys_not_on_a_day_boundary_and_sightings_over_many_weeks_match_like_the_simple_key_schedule(string path)
    {
        var data = new MatchingData(9);
        var keys = new List<MatchKey>();
        var sightings = new List<Sighting>();
        var rpis = new RollingProximityIdentifier[144];
        for (var k = 0; k < 60; k++)
        {
            // Starts anywhere in 100 days (so also outside the per-day filters' span), periods of any length.
            var start = new EnIntervalNumber(MatchingData.Day0 + data.Next(-50 * 144, 50 * 144));
            var key = new MatchKey(data.NextKey(), new KeyValidity(start, data.Next(1, 145)));
            keys.Add(key);
            KeySchedule.ComputeRpis(KeySchedule.DeriveRpik(key.Key), start, rpis);
            var i = data.Next(0, 144);
            sightings.Add(new Sighting(rpis[i], start + (i + data.Next(-14, 15)), k));
        }
        for (var i = 0; i < 300; i++)
        {
            sightings.Add(new Sighting(data.NextRpi(), new EnIntervalNumber(MatchingData.Day0 + data.Next(-50 * 144, 50 * 144))));
        }
        var expected = ReferenceMatcher.Match([.. keys], [.. sightings]);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Run(path, [.. keys], new SightingIndex([.. sightings])));

        // The same keys against only the last week's sightings: keys far from it cannot match and are skipped.
        var recent = sightings.Where(s => s.HeardAt.Value >= MatchingData.Day0 + (43 * 144)).ToArray();
        Assert.Equal(ReferenceMatcher.Match([.. keys], recent), Run(path, [.. keys], new SightingIndex(recent)));
    }

    [Fact]
    public void Empty_inputs_give_no_match()
    {
        var data = new MatchingData(3);
        Assert.Empty(ExposureMatcher.Match(data.Keys(5), new SightingIndex([])));
        Assert.Empty(ExposureMatcher.Match([], new SightingIndex([data.NextRandomSighting()])));
    }
}
