namespace Gardefou.Device;

/// <summary>What a phone is configured with when it is first set up.</summary>
/// <param name="Server">The key server (publish and exports).</param>
/// <param name="VerificationServer">The verification server; null when it is the same host as <paramref name="Server"/>.</param>
/// <param name="ApiKey">The app's API key for the verification server, if it requires one.</param>
/// <param name="Sunset">The day from which the phone stops and erases everything; null for none.</param>
/// <param name="ExportPublicKeyPem">
/// The export signing public key shipped with the app (how GAEN distributes it); null to fetch it from
/// <c>/v1/exports/public-key.pem</c> at setup and pin it.
/// </param>
public sealed record PhoneSetup(Uri Server, Uri? VerificationServer = null, string? ApiKey = null, DateOnly? Sunset = null, string? ExportPublicKeyPem = null);
