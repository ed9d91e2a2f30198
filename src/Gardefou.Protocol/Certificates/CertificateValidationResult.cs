using System.Diagnostics.CodeAnalysis;

namespace Gardefou.Protocol.Certificates;

/// <summary>The outcome of <see cref="CertificateValidator"/>: the claims when valid, otherwise an error code and a message.</summary>
/// <param name="Error">Why it failed, or <see cref="CertificateValidationError.None"/>.</param>
/// <param name="Certificate">The claims; present when valid.</param>
/// <param name="Message">A human-readable explanation, free of secrets.</param>
public sealed record CertificateValidationResult(CertificateValidationError Error, VerificationCertificate? Certificate, string Message)
{
    /// <summary>Whether the certificate was accepted.</summary>
    [MemberNotNullWhen(true, nameof(Certificate))]
    public bool IsValid => Error == CertificateValidationError.None && Certificate is not null;

    internal static CertificateValidationResult Fail(CertificateValidationError error, string message) => new(error, null, message);

    internal static CertificateValidationResult Ok(VerificationCertificate certificate) => new(CertificateValidationError.None, certificate, "valid");
}
