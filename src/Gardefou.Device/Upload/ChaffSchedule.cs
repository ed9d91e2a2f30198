namespace Gardefou.Device.Upload;

/// <summary>
/// When dummy uploads happen, as Google's Android app schedules them (keyupload/UploadCoverTrafficWorker.java): a
/// check every <c>interval</c> (4 hours) that sends with probability <c>p</c> (1/12), so the gap is a geometric number
/// of intervals, memoryless. A real upload neither resets nor stops it; seen from the network, a phone that reported
/// keeps the same pattern as one that did not (privacy catalogue C6-7).
/// </summary>
public static class ChaffSchedule
{
    /// <summary>The next check after <paramref name="after"/> that sends a dummy upload.</summary>
    public static DateTimeOffset Next(DateTimeOffset after, TimeSpan interval, double probability, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(probability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        ArgumentNullException.ThrowIfNull(random);
        // Checks are drawn one by one, as the worker's coin is tossed at every run; capped so a tiny probability cannot spin.
        var checks = 1;
        while (random.NextDouble() >= probability && checks < 100_000)
        {
            checks++;
        }
        return after + (interval * checks);
    }
}
