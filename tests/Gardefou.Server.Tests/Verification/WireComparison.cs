using Gardefou.Server.Tests.Keys;

namespace Gardefou.Server.Tests.Verification;

/// <summary>
/// What a network observer could use to tell answers apart, checked over raw sockets: wire sizes, header sets and
/// latency distributions (two-sample Kolmogorov–Smirnov statistic of each kind of answer against real successes).
/// </summary>
internal static class WireComparison
{
    private const int Samples = 30;
    private const int Attempts = 3;

    // Critical value of the two-sample test at alpha = 0.001 for 30 + 30 samples.
    private const double Critical = 0.5;

    /// <summary>A kind of answer: how to provoke one and which statuses it may have.</summary>
    public sealed record Kind(string Name, Func<Task<RawHttp.Exchange>> Send, Func<int, bool> ExpectedStatus);

    /// <summary>
    /// Warms up with real successes (their latencies seed what the others are held to), then compares. Timings on a
    /// shared CI machine are noisy, so up to three independent samples are drawn and one that cannot be told apart
    /// passes; a systematic difference an observer could use fails all three. Returns the verdict lines.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CompareAsync(Func<Task<RawHttp.Exchange>> real, IReadOnlyList<Kind> others, int warmUp = 8)
    {
        for (var i = 0; i < warmUp; i++)
        {
            var answer = await real();
            Assert.True(answer.Status is >= 200 and < 300, $"warm-up real answer {answer.Status}: {answer.Body}");
        }
        var sizes = new Dictionary<int, string>();
        var headerSets = new Dictionary<string, string>();
        var verdicts = new List<string>();
        var indistinguishable = false;
        for (var attempt = 0; attempt < Attempts && !indistinguishable; attempt++)
        {
            var realTimes = new List<double>();
            var times = others.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < Samples; i++)
            {
                var r = await real();
                Assert.True(r.Status is >= 200 and < 300, $"real answer {r.Status}: {r.Body}");
                Note(r, "real");
                realTimes.Add(r.Milliseconds);
                for (var k = 0; k < others.Count; k++)
                {
                    var x = await others[k].Send();
                    Assert.True(others[k].ExpectedStatus(x.Status), $"{others[k].Name}: unexpected status {x.Status}: {x.Body}");
                    Note(x, others[k].Name);
                    times[k].Add(x.Milliseconds);
                }
            }
            var statistics = times.Select(t => ChaffIndistinguishabilityTests.KolmogorovSmirnov(realTimes, t)).ToArray();
            verdicts.Add($"median real {Median(realTimes):0.00} ms; " + string.Join("; ", others.Select((k, i) => $"{k.Name}: KS {statistics[i]:0.000}, median {Median(times[i]):0.00} ms"))
                + $"; wire bytes {string.Join('/', sizes.Keys)}");
            TestContext.Current.TestOutputHelper?.WriteLine(verdicts[^1]);
            indistinguishable = statistics.All(s => s < Critical);
        }

        Assert.True(sizes.Count == 1, "wire sizes: " + string.Join(", ", sizes.Select(s => $"{s.Key} B ({s.Value})")));
        Assert.True(headerSets.Count == 1, "header sets: " + string.Join(" | ", headerSets.Select(s => $"{s.Key} ({s.Value})")));
        Assert.True(indistinguishable, string.Join(" | ", verdicts));
        return verdicts;

        void Note(RawHttp.Exchange x, string name)
        {
            sizes.TryAdd(x.WireBytes, name);
            // A throttled answer says when to retry, as the handlers' own throttled answers do; its bytes are taken from the padding.
            headerSets.TryAdd(x.HeaderNames("Retry-After"), name);
            Assert.True(x.Status == 429 || !x.Head.Contains("Retry-After", StringComparison.OrdinalIgnoreCase), $"{name}: Retry-After on a {x.Status}");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
