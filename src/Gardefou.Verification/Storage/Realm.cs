namespace Gardefou.Verification.Storage;

/// <summary>A health authority: its workers, API keys, codes and counters belong to it alone.</summary>
internal sealed class Realm
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }
}
