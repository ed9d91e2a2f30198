namespace Gardefou.Registry.Admin;

/// <summary>What a sign-in (or a password check) came to: a session token, a wrong password, a wait, or a busy server.</summary>
internal sealed record SignInResult(SignInOutcome Outcome, string? Token = null, TimeSpan RetryAfter = default)
{
    public static SignInResult Wrong { get; } = new(SignInOutcome.WrongPassword);

    public static SignInResult Busy(TimeSpan retryAfter) => new(SignInOutcome.Busy, RetryAfter: retryAfter);

    public static SignInResult Throttled(TimeSpan retryAfter) => new(SignInOutcome.Throttled, RetryAfter: retryAfter);

    public static SignInResult SignedIn(string token) => new(SignInOutcome.SignedIn, token);
}
