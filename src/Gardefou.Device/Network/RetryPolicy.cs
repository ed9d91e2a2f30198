namespace Gardefou.Device.Network;

/// <summary>
/// Exponential backoff with jitter for network failures, server errors (5xx, 408, 429) and corrupt downloads.
/// A request that still fails after <see cref="MaxAttempts"/> leaves the phone's state untouched.
/// </summary>
/// <param name="MaxAttempts">Attempts in total, at least 1.</param>
/// <param name="InitialDelay">Delay before the second attempt.</param>
/// <param name="MaxDelay">Upper bound of any delay.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    /// <summary>Four attempts, 0.5 s, 1 s, 2 s apart (each ±50%).</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(8));

    /// <summary>The delay before attempt number <paramref name="attempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int attempt, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        ArgumentNullException.ThrowIfNull(random);
        var exponential = InitialDelay.TotalMilliseconds * Math.Pow(2, attempt - 2);
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        // Jitter spreads retries of many phones after an outage instead of having them return in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.5 + random.NextDouble()));
    }
}
