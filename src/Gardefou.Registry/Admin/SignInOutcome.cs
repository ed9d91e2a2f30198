namespace Gardefou.Registry.Admin;

/// <summary>The outcome of a sign-in attempt.</summary>
internal enum SignInOutcome
{
    SignedIn,
    WrongPassword,

    /// <summary>Refused before hashing: this account or client must wait (429 with Retry-After).</summary>
    Throttled,

    /// <summary>Every hashing slot stayed busy (503 with Retry-After).</summary>
    Busy,
}
