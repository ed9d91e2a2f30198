namespace Gardefou.Keys.Storage;

/// <summary>
/// A secret of the key service kept in its own database so that every instance sharing the database
/// uses the same one: the export signing key (PKCS#8) and the revision-token key (AES-256).
/// </summary>
public sealed class SecretRow
{
    /// <summary><c>export-signing</c> or <c>revision</c>.</summary>
    public string Name { get; set; } = "";

    public byte[] Value { get; set; } = [];

    public long CreatedAt { get; set; }
}
