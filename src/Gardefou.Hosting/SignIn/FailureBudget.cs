namespace Gardefou.Hosting.SignIn;

/// <summary>
/// The rule of one budget of failed sign-ins: the first <see cref="FreeFailures"/> cost nothing; from then on each
/// failure makes the next attempt wait <see cref="FirstDelay"/>, doubled for every further failure, up to
/// <see cref="MaxDelay"/>, and past the free failures only one attempt at a time is let through. It only spaces
/// attempts out: nothing here ever refuses for good (no lockout).
/// </summary>
/// <param name="FreeFailures">Failures allowed before any wait (at least 1).</param>
/// <param name="FirstDelay">The wait after the last free failure.</param>
/// <param name="MaxDelay">The longest wait.</param>
public sealed record FailureBudget(int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>The wait imposed after <paramref name="failures"/> failures: none while they are free, then first × 2^k up to the longest.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var beyond = failures - FreeFailures;
        if (beyond < 0)
        {
            return TimeSpan.Zero;
        }
        var seconds = FirstDelay.TotalSeconds * Math.Pow(2, Math.Min(beyond, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
    }

    internal void Validate(string name)
    {
        if (FreeFailures < 1 || FirstDelay <= TimeSpan.Zero || MaxDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name}: at least one free failure and positive delays are required.");
        }
    }
}
