using Gardefou.Hosting.SignIn;

namespace Gardefou.Verification.Portal;

/// <summary>
/// The portal's figures for the shared <see cref="SignInThrottle"/>, read from <see cref="VerificationOptions"/>
/// (docs/verification.md): a back-off per (account, client) and a budget per account for browsers without its device
/// cookie. The per-client limit across accounts is the request throttle in front (<c>SignInRequestsPerMinute</c>).
/// </summary>
internal static class PortalSignIn
{
    /// <summary>Service key of the portal's throttle (the host may hold other domains' throttles beside it).</summary>
    public const string ServiceKey = "verification-portal";

    /// <summary>How long a sign-in may wait for a hashing slot before the portal answers 503.</summary>
    public static readonly TimeSpan HashingQueueTimeout = TimeSpan.FromSeconds(5);

    public static SignInPolicy From(VerificationOptions options) => new()
    {
        PerAccountAndClient = new FailureBudget(options.SignInFreeFailures, options.SignInBackoffBase, options.SignInBackoffCap),
        PerAccountFromUnknownDevices = UnknownDevices(options.SignInUntrustedFailuresPerHour),
        HashingConcurrency = options.PasswordHashingConcurrency,
        HashingQueueTimeout = HashingQueueTimeout,
    };

    /// <summary>
    /// <paramref name="perHour"/> failures free, then one attempt per hour / <paramref name="perHour"/>: in the long run
    /// at most that many an hour, and in any hour at most twice that (as with a fixed hourly window), but a user's first
    /// sign-in from a new device during such an attack waits one spacing (a minute at 60) instead of the rest of the hour.
    /// </summary>
    private static FailureBudget UnknownDevices(int perHour)
    {
        var spacing = TimeSpan.FromHours(1) / perHour;
        return new FailureBudget(perHour, spacing, spacing);
    }
}
