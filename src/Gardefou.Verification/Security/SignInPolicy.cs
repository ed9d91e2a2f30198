namespace Gardefou.Verification.Security;

/// <summary>The figures of the <see cref="SignInGuard"/>, read from <see cref="VerificationOptions"/>.</summary>
internal sealed record SignInPolicy(int FreeFailures, TimeSpan BackoffBase, TimeSpan BackoffCap, int UntrustedFailuresPerHour)
{
    public static SignInPolicy From(VerificationOptions options) =>
        new(options.SignInFreeFailures, options.SignInBackoffBase, options.SignInBackoffCap, options.SignInUntrustedFailuresPerHour);
}
