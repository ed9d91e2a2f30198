using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Gardefou.Protocol.Matching;
using Spectre.Console;

namespace Gardefou.Bench;

/// <summary>
/// <c>gardefou bench matching [--keys 100000] [--observed 20000]</c>: the matcher against a naive baseline on the same
/// data in the same run, both checked to find exactly the planted matches. A single-threaded run pins the whole process
/// to one CPU unless <c>--pin none</c> (the <c>pinned:</c> line says how), so the figure is one core's work; the hot
/// kernels are compiled fully optimised from their first call, so a pinned run is as fast as an unpinned one. The last
/// line is the figure:
/// <c>matching: &lt;n&gt; keys/s; naive: &lt;m&gt; keys/s; ratio: &lt;r&gt;</c>.
/// </summary>
public static class MatchingBench
{
    /// <summary>
    /// Runs the benchmark and prints its lines to <paramref name="output"/> (the last one is the figure); progress and
    /// errors go to <paramref name="error"/>. The naive baseline runs on the first <paramref name="naiveKeys"/> keys
    /// (at most <paramref name="keyCount"/>); <paramref name="pin"/> is <c>auto</c>, <c>none</c> or a CPU number
    /// (<see cref="CpuPinning.IsValid"/>). Returns 0, or 1 when a matcher does not find exactly the planted matches.
    /// </summary>
    public static int Run(
        int keyCount, int observedCount, int naiveKeys, int repeat, int threads, int seed, bool wallClock, TextWriter output, TextWriter error, string pin = "none")
    {
        var pinned = CpuPinning.Apply(pin, threads);
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        var plantedCount = Math.Min(keyCount, Math.Max(1, observedCount / 100));
        var data = MatchingBenchData.Create(keyCount, observedCount, plantedCount, seed);
        output.WriteLine($"data: {keyCount} full-day keys over 14 days; {observedCount} observed identifiers, {plantedCount} of them planted from {plantedCount} keys (seed {seed})");

        var clock = Stopwatch.StartNew();
        var index = new SightingIndex(data.Sightings);
        output.WriteLine($"index: {index.DistinctIdentifiers} distinct identifiers, built in {clock.Elapsed.TotalMilliseconds:F1} ms");
        output.WriteLine(ExposureMatcher.IsHardwareAccelerated
            ? "path: vectorized (16-lane AVX-512 HKDF-SHA256, AES-NI with 8 blocks in flight, bit filter), one thread"
            : "path: portable (managed HKDF-SHA256, platform AES), one thread");
        output.WriteLine(pinned);

        output.WriteLine(WarmUp(data, index));
        var matches = new List<SightingMatch>(plantedCount * 2);
        var total = Timing.Start();
        for (var run = 0; run < repeat; run++)
        {
            matches.Clear();
            ExposureMatcher.Match(data.Keys, index, matches);
        }
        var elapsed = total.Stop();
        if (!Check("matching", matches, data.Planted, error))
        {
            return 1;
        }
        output.WriteLine($"matching: {repeat} runs over {keyCount} keys: {elapsed}; found exactly the {data.Planted.Count} planted matches");

        List<SightingMatch> naive = [];
        var naiveTiming = Timing.Start();
        progress.Progress().Start(context =>
        {
            var task = context.AddTask("naive baseline", maxValue: naiveKeys);
            naive = data.MatchNaive(naiveKeys, done => task.Value = done);
            task.Value = naiveKeys;
        });
        var naiveTime = naiveTiming.Stop();
        var plantedInSubset = data.Planted.Where(m => m.KeyIndex < naiveKeys).ToHashSet();
        if (!Check("naive", naive, plantedInSubset, error))
        {
            return 1;
        }
        var subset = naiveKeys < keyCount ? $"the first {naiveKeys} keys only (it is slow)" : $"all {naiveKeys} keys";
        output.WriteLine($"naive: HKDF.DeriveKey + one Aes.EncryptEcb per block + HashSet<UInt128>, on {subset}: {naiveTime}; found exactly the {plantedInSubset.Count} planted matches among them");

        if (threads > 1)
        {
            var parallelRate = RunParallel(data, index, threads, error, out var parallelOk);
            if (!parallelOk)
            {
                return 1;
            }
            output.WriteLine($"parallel: {threads} threads: {Rate(keyCount, parallelRate)} keys/s (on {Environment.ProcessorCount} logical processors)");
        }

        output.WriteLine(wallClock
            ? "rates: keys per second of wall-clock time (--clock wall)"
            : "rates: keys per second of this process's CPU time (--clock cpu, the default: the cores of this machine are shared, and wall-clock time counts other processes' turns)");
        var rate = (double)keyCount * repeat / elapsed.Seconds(wallClock);
        var naiveRate = naiveKeys / naiveTime.Seconds(wallClock);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matching: {rate:F0} keys/s; naive: {naiveRate:F0} keys/s; ratio: {rate / naiveRate:F1}"));
        return 0;
    }

    // Runs the matcher until tiered compilation is done with it: at least 400 ms, then until no method has been
    // compiled for 300 ms (at most 5 s). The hot kernels are fully optimised from their first call, but the runtime
    // still recompiles small helpers in the background; on a process pinned to one CPU that background thread shares
    // the measuring thread's core, and its work, started late, would land inside the timed runs (and in the process's
    // CPU time). Waiting for the JIT to go idle keeps a pinned figure the matcher's own.
    private static string WarmUp(MatchingBenchData data, SightingIndex index)
    {
        var slice = data.Keys.AsSpan(0, Math.Min(data.Keys.Length, 4096));
        var scratch = new List<SightingMatch>();
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var lastCompile = TimeSpan.Zero;
        while (clock.ElapsedMilliseconds < 5000)
        {
            scratch.Clear();
            ExposureMatcher.Match(slice, index, scratch);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastCompile = clock.Elapsed;
            }
            else if (clock.ElapsedMilliseconds >= 400 && clock.Elapsed - lastCompile >= TimeSpan.FromMilliseconds(300))
            {
                break;
            }
        }
        var idle = clock.Elapsed - lastCompile >= TimeSpan.FromMilliseconds(300) ? "until the JIT was idle for 300 ms" : "stopped at 5 s with the JIT still compiling";
        return string.Create(CultureInfo.InvariantCulture, $"warm-up: {clock.Elapsed.TotalMilliseconds:F0} ms, {idle}");
    }

    private static TimeSpan RunParallel(MatchingBenchData data, SightingIndex index, int threads, TextWriter error, out bool ok)
    {
        var results = new List<SightingMatch>[threads];
        var chunk = (data.Keys.Length + threads - 1) / threads;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var from = Math.Min(data.Keys.Length, t * chunk);
            var to = Math.Min(data.Keys.Length, from + chunk);
            results[t] = [];
            ExposureMatcher.Match(data.Keys.AsSpan(from, to - from), index, results[t]);
            for (var i = 0; i < results[t].Count; i++)
            {
                results[t][i] = results[t][i] with { KeyIndex = results[t][i].KeyIndex + from };
            }
        });
        var elapsed = clock.Elapsed;
        ok = Check("parallel", [.. results.SelectMany(r => r)], data.Planted, error);
        return elapsed;
    }

    private static string Rate(int keys, TimeSpan elapsed) =>
        (keys / elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

    private static bool Check(string name, List<SightingMatch> found, HashSet<SightingMatch> expected, TextWriter error)
    {
        var foundSet = found.ToHashSet();
        if (foundSet.Count == found.Count && foundSet.SetEquals(expected))
        {
            return true;
        }
        var missing = expected.Except(foundSet).Count();
        var extra = foundSet.Except(expected).Count() + (found.Count - foundSet.Count);
        error.WriteLine($"{name}: wrong matches: {missing} planted matches missing, {extra} unexpected or duplicated.");
        return false;
    }
}
