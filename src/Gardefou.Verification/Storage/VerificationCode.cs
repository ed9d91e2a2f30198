namespace Gardefou.Verification.Storage;

/// <summary>
/// One issued diagnosis, reachable through a short and a long code. The codes themselves are never
/// stored: only their HMAC-SHA256 under the server's code secret.
/// </summary>
internal sealed class VerificationCode
{
    public long Id { get; set; }

    public int RealmId { get; set; }

    public required byte[] ShortCodeHmac { get; set; }

    public required byte[] LongCodeHmac { get; set; }

    public TestType TestType { get; set; }

    public DateOnly? TestDate { get; set; }

    public DateOnly? SymptomDate { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ShortExpiresAt { get; set; }

    public DateTime LongExpiresAt { get; set; }

    public DateTime? ClaimedAt { get; set; }

    /// <summary>The issuer's handle of the code (Google's <c>uuid</c>): a lab's retry with the same one is refused, not issued twice.</summary>
    public string? Uuid { get; set; }
}
