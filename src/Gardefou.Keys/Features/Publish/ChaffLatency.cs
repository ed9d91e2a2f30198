using System.Diagnostics;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Remembers how long recent real publishes took, so that a chaff request can be held for a duration drawn from
/// the same distribution: a network observer timing responses cannot tell the two apart.
/// </summary>
public sealed class ChaffLatency
{
    private const int Capacity = 256;
    private readonly long[] _ticks = new long[Capacity];
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

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
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        if (target > elapsed)
        {
            await Task.Delay(target - elapsed, ct);
        }
    }
}
