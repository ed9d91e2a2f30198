namespace Gardefou.Protocol.Time;

/// <summary>
/// The window in which a Temporary Exposure Key is valid: <c>[RollingStart, RollingStart + RollingPeriod)</c>.
/// A full-day key starts at UTC midnight and lasts 144 intervals; a key released the same day is cut short.
/// </summary>
public readonly record struct KeyValidity
{
    /// <summary>Creates a validity window; the rolling period must be 1 to 144 intervals.</summary>
    public KeyValidity(EnIntervalNumber rollingStart, int rollingPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rollingPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rollingPeriod, EnIntervalNumber.IntervalsPerDay);
        RollingStart = rollingStart;
        RollingPeriod = rollingPeriod;
    }

    /// <summary>The first interval in which the key is used.</summary>
    public EnIntervalNumber RollingStart { get; }

    /// <summary>How many intervals the key is used for (1 to 144).</summary>
    public int RollingPeriod { get; }

    /// <summary>The first interval after the key's validity.</summary>
    public EnIntervalNumber End => RollingStart + RollingPeriod;

    /// <summary>Whether <paramref name="interval"/> lies inside the window.</summary>
    public bool Contains(EnIntervalNumber interval) => interval >= RollingStart && interval < End;

    /// <summary>A full-day window for the UTC day that contains <paramref name="interval"/>.</summary>
    public static KeyValidity FullDay(EnIntervalNumber interval) => new(interval.DayStart, EnIntervalNumber.IntervalsPerDay);
}
