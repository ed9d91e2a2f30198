namespace Gardefou.Verification.Security;

/// <summary>Names of the secrets kept in the <c>secrets</c> table.</summary>
internal static class SecretNames
{
    public const string CodeHmacKey = "code-hmac-v1";
    public const string CertificateSigningKey = "certificate-signing-p256-v1";
}
