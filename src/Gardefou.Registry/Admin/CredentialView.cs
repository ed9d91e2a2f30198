namespace Gardefou.Registry.Admin;

/// <summary>One credential of a site as the dashboard lists it (never the secret, which is shown only once).</summary>
public sealed record CredentialView(string Id, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
