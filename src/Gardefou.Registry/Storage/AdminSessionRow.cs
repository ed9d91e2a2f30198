namespace Gardefou.Registry.Storage;

/// <summary>A signed-in administrator's session; the cookie holds the token, the table its hash.</summary>
internal sealed class AdminSessionRow
{
    public required byte[] TokenHash { get; set; }
    public required string Username { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
