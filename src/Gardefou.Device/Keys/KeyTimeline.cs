using Gardefou.Protocol.Time;

namespace Gardefou.Device.Keys;

/// <summary>
/// Where a new key fits among the keys of one UTC day. A day is normally covered by one key from midnight to
/// midnight; after a same-day release it holds a cut-short key and a successor. A key created on demand for an
/// interval fills exactly the gap around that interval, so keys never overlap.
/// </summary>
internal static class KeyTimeline
{
    /// <summary>The validity of a new key covering <paramref name="interval"/>, given the day's existing windows.</summary>
    public static KeyValidity GapAround(EnIntervalNumber interval, IEnumerable<KeyValidity> sameDay)
    {
        var dayStart = interval.DayStart;
        var start = dayStart;
        var end = dayStart + EnIntervalNumber.IntervalsPerDay;
        foreach (var existing in sameDay)
        {
            if (existing.Contains(interval))
            {
                throw new InvalidOperationException("The interval is already covered by a key.");
            }
            if (existing.End <= interval && existing.End > start)
            {
                start = existing.End;
            }
            if (existing.RollingStart > interval && existing.RollingStart < end)
            {
                end = existing.RollingStart;
            }
        }
        return new KeyValidity(start, end - start);
    }

    /// <summary>
    /// Splits the key in use at <paramref name="now"/> for a same-day release: the released part keeps every interval
    /// up to and including the current one (it has been broadcast already); the successor covers the rest of the day,
    /// or nothing when the current interval is the day's last.
    /// </summary>
    public static (KeyValidity Released, KeyValidity? Successor) CutAt(KeyValidity current, EnIntervalNumber now)
    {
        if (!current.Contains(now))
        {
            throw new ArgumentOutOfRangeException(nameof(now), "The key is not in use at that interval.");
        }
        var released = new KeyValidity(current.RollingStart, now - current.RollingStart + 1);
        var next = now + 1;
        KeyValidity? successor = next < current.End ? new KeyValidity(next, current.End - next) : null;
        return (released, successor);
    }
}
