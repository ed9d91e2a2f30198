namespace Gardefou.Verification.Storage;

/// <summary>A lab's key for <c>POST /api/issue</c>, or an app's device key for verify and certificate; only its SHA-256 is stored.</summary>
internal sealed class ApiKey
{
    public int Id { get; set; }

    public int RealmId { get; set; }

    public Realm? Realm { get; set; }

    public required string Name { get; set; }

    public required byte[] KeyHash { get; set; }

    public bool Revoked { get; set; }

    public ApiKeyKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }
}
