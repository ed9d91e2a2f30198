using System.Diagnostics;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Remembers how long recent real publishes took, so that a chaff request can be held for a duration drawn from
/// the same distribution: a network observer timing responses cannot tell the two apart.
/// </summary>
public sealed class ChaffLatency
{
    private const int Capacity = 256;
    private static readonly TimeSpan s_maxOvershoot = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan s_spinMargin = TimeSpan.FromMilliseconds(0.5);
    private readonly long[] _ticks = new long[Capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    // How late Task.Delay wakes up (timer granularity plus thread-pool scheduling), learned from recent holds.
    // Real uploads mostly wait for their group commit, so their latencies are short and tight, and a systematic
    // millisecond of lateness on every chaff response would be enough to tell the two apart.
    private long _overshootTicks;

    /// <summary>Records the duration of a real, successful publish.</summary>
    public void Record(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _ticks[_next] = elapsed.Ticks;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>A duration drawn from the recorded ones; zero before any real publish was seen.</summary>
    public TimeSpan Sample()
    {
        lock (_gate)
        {
            return _count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_ticks[Random.Shared.Next(_count)]);
        }
    }

    /// <summary>
    /// Waits until a chaff request started at <paramref name="startTimestamp"/> has lasted as long as a sampled real one.
    /// This is wall-clock time on purpose (what an observer measures), not the service's injectable clock.
    /// </summary>
    public async Task HoldAsync(long startTimestamp, CancellationToken ct)
    {
        var target = Sample();
        // Timers tick in whole milliseconds and wake up late, while real uploads take one to a few milliseconds:
        // sleep on a timer until shortly before the target (leaving the timer's usual lateness as margin), then
        // yield the last stretch away, so the hold ends on time rather than a fraction of a tick late.
        var margin = TimeSpan.FromTicks(Interlocked.Read(ref _overshootTicks)) + s_spinMargin;
        var sleep = Math.Floor((target - Stopwatch.GetElapsedTime(startTimestamp) - margin).TotalMilliseconds);
        if (sleep >= 1)
        {
            var before = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromMilliseconds(sleep), ct);
            var late = Math.Clamp((Stopwatch.GetElapsedTime(before) - TimeSpan.FromMilliseconds(sleep)).Ticks, 0, s_maxOvershoot.Ticks);
            lock (_gate)
            {
                // Moving average of how late the timer wakes up, bounded so that one stalled wake-up cannot skew it.
                _overshootTicks += (late - _overshootTicks) / 8;
            }
        }
        while (Stopwatch.GetElapsedTime(startTimestamp) < target)
        {
            ct.ThrowIfCancellationRequested();
            Thread.Yield();
        }
    }
}
