using System.Diagnostics;

namespace Gardefou.Hosting.Timing;

/// <summary>
/// Makes every answer of an upload-path endpoint take as long as a real success would. It keeps the durations of
/// recent real successes; any other answer (chaff, an error, a throttled client) is held until it has lasted a
/// duration drawn from them, so a network observer timing answers cannot tell them apart. Wall-clock on purpose:
/// it is what the observer measures, not the service's injectable clock.
/// </summary>
public sealed class ResponseTiming
{
    private const int Capacity = 256;
    private static readonly TimeSpan s_spinMargin = TimeSpan.FromMilliseconds(0.5);
    private static readonly TimeSpan s_maxLateness = TimeSpan.FromMilliseconds(2);
    private readonly long[] _ticks = new long[Capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    // How late Task.Delay wakes up (timer granularity plus thread-pool scheduling), learned from recent holds. Real
    // successes take one to a few milliseconds (uploads mostly wait for their group commit), so a systematic
    // millisecond late on every held answer would be enough to tell them from real ones.
    private long _latenessTicks;

    /// <summary>
    /// Produces an endpoint's answer and times it: a real success's duration is recorded, anything else is held to a
    /// duration drawn from real successes.
    /// </summary>
    public async Task<T> TimeAsync<T>(Func<Task<(T Answer, bool RealSuccess)>> produce, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(produce);
        var started = Stopwatch.GetTimestamp();
        var (answer, realSuccess) = await produce();
        if (realSuccess)
        {
            RecordSuccess(started);
        }
        else
        {
            await HoldAsync(started, ct);
        }
        return answer;
    }

    /// <summary>Records how long a real success started at <paramref name="startTimestamp"/> took.</summary>
    public void RecordSuccess(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    /// <summary>Records the duration of a real success.</summary>
    public void Record(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _ticks[_next] = elapsed.Ticks;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>A duration drawn from the recorded successes; zero before the first one.</summary>
    public TimeSpan Sample()
    {
        lock (_gate)
        {
            return _count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_ticks[Random.Shared.Next(_count)]);
        }
    }

    /// <summary>Waits until an answer started at <paramref name="startTimestamp"/> has lasted a sampled real duration.</summary>
    public async Task HoldAsync(long startTimestamp, CancellationToken ct)
    {
        var target = Sample();
        // Sleep on the timer until shortly before the target, leaving its usual lateness as margin, then yield the
        // last stretch away so the hold ends on time rather than a fraction of a timer tick late.
        var margin = TimeSpan.FromTicks(Interlocked.Read(ref _latenessTicks)) + s_spinMargin;
        var sleep = Math.Floor((target - Stopwatch.GetElapsedTime(startTimestamp) - margin).TotalMilliseconds);
        if (sleep >= 1)
        {
            var before = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromMilliseconds(sleep), ct);
            var late = Math.Clamp((Stopwatch.GetElapsedTime(before) - TimeSpan.FromMilliseconds(sleep)).Ticks, 0, s_maxLateness.Ticks);
            lock (_gate)
            {
                // Moving average, bounded so that one stalled wake-up cannot skew it.
                _latenessTicks += (late - _latenessTicks) / 8;
            }
        }
        while (Stopwatch.GetElapsedTime(startTimestamp) < target)
        {
            ct.ThrowIfCancellationRequested();
            Thread.Yield();
        }
    }
}
