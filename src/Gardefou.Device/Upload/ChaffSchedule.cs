namespace Gardefou.Device.Upload;

/// <summary>
/// When dummy uploads happen: a Poisson process, so the gaps are exponentially distributed and memoryless. A real
/// upload neither resets nor stops it; seen from the network, a phone that reported keeps the same pattern as one
/// that did not (privacy catalogue C6-7).
/// </summary>
public static class ChaffSchedule
{
    /// <summary>The next dummy upload after <paramref name="after"/>, for a mean of <paramref name="perDay"/> a day.</summary>
    public static DateTimeOffset Next(DateTimeOffset after, double perDay, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perDay);
        ArgumentNullException.ThrowIfNull(random);
        var gapDays = -Math.Log(1.0 - random.NextDouble()) / perDay;
        return after + TimeSpan.FromDays(gapDays);
    }
}
