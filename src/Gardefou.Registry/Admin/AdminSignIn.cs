using System.Security.Cryptography;
using System.Text;
using Gardefou.Hosting.SignIn;

namespace Gardefou.Registry.Admin;

/// <summary>
/// The registry administrators' figures for the shared <see cref="SignInThrottle"/> (docs/registry.md): a budget per
/// client across accounts, and one per account for browsers without its device cookie; no (account, client) budget,
/// since administrators are few and the per-account budget already spaces a stranger's guesses.
/// </summary>
internal static class AdminSignIn
{
    /// <summary>Service key of the registry's throttle (the host may hold other domains' throttles beside it).</summary>
    public const string ServiceKey = "registry-admin";

    /// <summary>Failures allowed before delays start, per account (for unknown devices) and per client.</summary>
    public const int FreeAccountFailures = 5;

    public const int FreeClientFailures = 10;

    public static readonly TimeSpan MaxAccountDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxClientDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long a sign-in may wait for a hashing slot before it is told the server is busy.</summary>
    public static readonly TimeSpan HashingQueueTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What a signed-in administrator changing their password counts as: a known device, the session (which proves
    /// it), so the account's budget for strangers does not apply and the session's own failures are its own.
    /// </summary>
    public static byte[] SessionDevice(string sessionToken) => SHA256.HashData(Encoding.UTF8.GetBytes(sessionToken));

    public static SignInPolicy Policy { get; } = new()
    {
        PerClient = new FailureBudget(FreeClientFailures, TimeSpan.FromSeconds(1), MaxClientDelay),
        PerAccountFromUnknownDevices = new FailureBudget(FreeAccountFailures, TimeSpan.FromSeconds(1), MaxAccountDelay),
        HashingQueueTimeout = HashingQueueTimeout,
    };
}
