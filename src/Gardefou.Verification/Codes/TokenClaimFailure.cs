namespace Gardefou.Verification.Codes;

/// <summary>Why a token could not be exchanged for a certificate (Google's certificate errors).</summary>
internal enum TokenClaimFailure
{
    /// <summary>Not a token of the caller's realms: <c>token_invalid</c>.</summary>
    Invalid,

    /// <summary>Known but expired or already used: <c>token_expired</c>, as Google answers both.</summary>
    Expired,
}
