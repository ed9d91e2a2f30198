namespace Gardefou.Registry.Storage;

/// <summary>The ECDSA P-256 key that signs the static publication (PKCS#8).</summary>
internal sealed class SigningKeyRow
{
    public int Id { get; set; }
    public required byte[] Pkcs8 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
