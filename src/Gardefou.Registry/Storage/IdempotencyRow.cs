namespace Gardefou.Registry.Storage;

/// <summary>A batch already applied, so that a retried batch answers the same instead of applying twice.</summary>
internal sealed class IdempotencyRow
{
    public required string SiteId { get; set; }
    public required string Key { get; set; }
    public required byte[] RequestHash { get; set; }
    public required string Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
