namespace Gardefou.Registry.Storage;

/// <summary>A registry administrator (health authority staff), PBKDF2-hashed password.</summary>
internal sealed class AdminAccountRow
{
    public required string Username { get; set; }
    public required byte[] Salt { get; set; }
    public required byte[] PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
