namespace Gardefou.Verification.Storage;

/// <summary>The single-use token a claimed code is exchanged for; only its SHA-256 is stored.</summary>
internal sealed class VerificationToken
{
    public long Id { get; set; }

    public int RealmId { get; set; }

    public required byte[] TokenHash { get; set; }

    public TestType TestType { get; set; }

    public DateOnly? TestDate { get; set; }

    public DateOnly? SymptomDate { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}
