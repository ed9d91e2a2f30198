namespace Gardefou.Hosting.SignIn;

/// <summary>
/// The figures of one <see cref="SignInThrottle"/>: which budgets a sign-in must pass and their numbers, and the cap
/// on password hashing. Each domain gives its own; the mechanism is the same. A budget left null is not used.
/// "Client" means the browser's known device when it holds a device token of the account, else its network address
/// (an IPv6 address counted by its /64, see <see cref="Throttling.ClientGroup"/>).
/// </summary>
public sealed record SignInPolicy
{
    /// <summary>Failures of one client across all accounts (against one client spraying passwords over many names). A success from the client clears it.</summary>
    public FailureBudget? PerClient { get; init; }

    /// <summary>Failures of one client on one account. A success clears it.</summary>
    public FailureBudget? PerAccountAndClient { get; init; }

    /// <summary>
    /// Failures on one account from every client without a known device of it, together (against guessing spread over
    /// many addresses). Known devices never count against it nor wait for it; a success does not clear it, since it
    /// says nothing about the other clients counted here.
    /// </summary>
    public FailureBudget? PerAccountFromUnknownDevices { get; init; }

    /// <summary>Password hashes that may run at once; 0 means half the cores, at least one.</summary>
    public int HashingConcurrency { get; init; }

    /// <summary>How long a sign-in may wait for a hashing slot before it is told the server is busy (also the Retry-After then).</summary>
    public TimeSpan HashingQueueTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Budgets held in memory before newcomers are refused (for a minute) until idle ones are forgotten; attempts from
    /// known devices may use as many again, so an attacker who fills the table cannot hold back the accounts' own users.
    /// </summary>
    public int MaxEntries { get; init; } = 200_000;

    internal void Validate()
    {
        PerClient?.Validate(nameof(PerClient));
        PerAccountAndClient?.Validate(nameof(PerAccountAndClient));
        PerAccountFromUnknownDevices?.Validate(nameof(PerAccountFromUnknownDevices));
        if (HashingConcurrency < 0 || HashingQueueTimeout <= TimeSpan.Zero || MaxEntries < 1)
        {
            throw new ArgumentException("A sign-in policy needs a hashing concurrency of 0 (default) or more, a positive queue timeout and room for at least one budget.");
        }
    }
}
