namespace Gardefou.Verification.Storage;

/// <summary>A lab's or hospital system's key for <c>POST /api/issue</c>; only its SHA-256 is stored.</summary>
internal sealed class ApiKey
{
    public int Id { get; set; }

    public int RealmId { get; set; }

    public Realm? Realm { get; set; }

    public required string Name { get; set; }

    public required byte[] KeyHash { get; set; }

    public bool Revoked { get; set; }

    public DateTime CreatedAt { get; set; }
}
