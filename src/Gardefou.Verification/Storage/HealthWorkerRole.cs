namespace Gardefou.Verification.Storage;

/// <summary>What a health worker may do in the portal of their realm.</summary>
public enum HealthWorkerRole
{
    /// <summary>Issues verification codes and sees the realm's daily counts.</summary>
    CodeIssuer = 0,

    /// <summary>Everything a code issuer does, plus managing the realm's users.</summary>
    Admin = 1,
}
