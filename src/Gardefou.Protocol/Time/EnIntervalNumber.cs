namespace Gardefou.Protocol.Time;

/// <summary>
/// An Exposure Notification interval number: the index of a 10-minute window since the Unix epoch (UTC).
/// GAEN keeps it in 32 bits; it identifies the window in which a Rolling Proximity Identifier is broadcast.
/// </summary>
public readonly record struct EnIntervalNumber : IComparable<EnIntervalNumber>
{
    /// <summary>Seconds in one interval.</summary>
    public const int SecondsPerInterval = 600;

    /// <summary>Intervals in one day, which is also the rolling period of a full-day key.</summary>
    public const int IntervalsPerDay = 144;

    /// <summary>Creates an interval number; negative values do not exist in the protocol.</summary>
    public EnIntervalNumber(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Value = value;
    }

    /// <summary>The raw interval number.</summary>
    public int Value { get; }

    /// <summary>The interval that contains <paramref name="time"/>.</summary>
    public static EnIntervalNumber FromTime(DateTimeOffset time) =>
        new(checked((int)(time.ToUnixTimeSeconds() / SecondsPerInterval)));

    /// <summary>The current interval according to <paramref name="clock"/>.</summary>
    public static EnIntervalNumber Now(TimeProvider clock) => FromTime(clock.GetUtcNow());

    /// <summary>The first interval of the UTC day <paramref name="day"/>.</summary>
    public static EnIntervalNumber StartOf(DateOnly day) =>
        FromTime(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>The start of this interval as a UTC time.</summary>
    public DateTimeOffset StartTime => DateTimeOffset.FromUnixTimeSeconds((long)Value * SecondsPerInterval);

    /// <summary>This interval rounded down to UTC midnight, the start of a full-day key.</summary>
    public EnIntervalNumber DayStart => new(Value - (Value % IntervalsPerDay));

    /// <summary>The UTC day this interval belongs to.</summary>
    public DateOnly Day => DateOnly.FromDateTime(StartTime.UtcDateTime);

    /// <summary>Whether this interval is the first of a UTC day.</summary>
    public bool IsDayAligned => Value % IntervalsPerDay == 0;

    /// <summary>The interval <paramref name="count"/> intervals later (or earlier, when negative).</summary>
    public EnIntervalNumber Add(int count) => new(checked(Value + count));

    public int CompareTo(EnIntervalNumber other) => Value.CompareTo(other.Value);

    public static bool operator <(EnIntervalNumber left, EnIntervalNumber right) => left.Value < right.Value;
    public static bool operator >(EnIntervalNumber left, EnIntervalNumber right) => left.Value > right.Value;
    public static bool operator <=(EnIntervalNumber left, EnIntervalNumber right) => left.Value <= right.Value;
    public static bool operator >=(EnIntervalNumber left, EnIntervalNumber right) => left.Value >= right.Value;
    public static EnIntervalNumber operator +(EnIntervalNumber interval, int count) => interval.Add(count);
    public static int operator -(EnIntervalNumber left, EnIntervalNumber right) => checked(left.Value - right.Value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
