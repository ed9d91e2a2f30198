namespace Gardefou.Verification.Codes;

/// <summary>Why a code could not be exchanged for a token (Google's verify errors).</summary>
internal enum CodeClaimFailure
{
    /// <summary>Unknown in the caller's realms, or already used: <c>code_invalid</c>.</summary>
    Invalid,

    /// <summary>Known but past the expiry of the form presented: <c>code_expired</c>.</summary>
    Expired,

    /// <summary>Valid but of a test type the client does not accept: <c>unsupported_test_type</c> (the code stays usable).</summary>
    UnsupportedTestType,
}

/// <summary>A claimed code: the new token and the subject it certifies (the failure is a <see cref="CodeClaimFailure"/>).</summary>
internal readonly record struct CodeClaim(string Token, CodeSubject Subject);
