namespace Gardefou.Registry.Storage;

/// <summary>A site credential: only the SHA-256 of its secret is kept.</summary>
internal sealed class CredentialRow
{
    public required string Id { get; set; }
    public required string SiteId { get; set; }
    public required byte[] SecretHash { get; set; }
    public string Label { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
