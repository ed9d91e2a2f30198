using System.Security.Cryptography;

namespace Gardefou.Protocol.Certificates;

/// <summary>What the key service trusts when it validates verification certificates.</summary>
public sealed record CertificateValidatorOptions
{
    /// <summary>This key service's audience; the <c>aud</c> claim must name it.</summary>
    public required string Audience { get; init; }

    /// <summary>
    /// The public P-256 key of (issuer, kid), or null when that issuer or key version is unknown or no longer
    /// valid. The key service maps the issuer to a health authority here.
    /// </summary>
    public required Func<string, string, ECDsa?> ResolveKey { get; init; }

    /// <summary>Tolerated clock difference for <c>nbf</c>, <c>iat</c> and <c>exp</c>; one minute by default.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest certificate accepted, in characters; longer ones are refused before parsing.</summary>
    public int MaxLength { get; init; } = 4096;
}
