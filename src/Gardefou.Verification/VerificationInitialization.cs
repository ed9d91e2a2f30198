namespace Gardefou.Verification;

/// <summary>
/// What <see cref="VerificationDomain.InitializeVerificationDomainAsync"/> did, for the host to tell the operator
/// (resolve it from the service provider after initializing). The password is never logged: the host prints it once.
/// </summary>
public sealed class VerificationInitialization
{
    /// <summary>The demo admin account created on this start, or null when it already existed.</summary>
    public DemoAdminCredentials? CreatedAdmin { get; internal set; }

    /// <summary>Key id of the certificate-signing key.</summary>
    public string? CertificateKeyId { get; internal set; }

    /// <summary>Path of the portal, relative to the server's base address.</summary>
    public string PortalPath => "/portal";
}
