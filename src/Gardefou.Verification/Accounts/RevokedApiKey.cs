namespace Gardefou.Verification.Accounts;

/// <summary>An API key after <see cref="VerificationAdmin.RevokeApiKeyAsync"/>.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Name">Its label.</param>
/// <param name="Realm">The realm it issued codes for.</param>
/// <param name="WasAlreadyRevoked">True when it had been revoked before (nothing changed).</param>
public sealed record RevokedApiKey(int Id, string Name, string Realm, bool WasAlreadyRevoked);
