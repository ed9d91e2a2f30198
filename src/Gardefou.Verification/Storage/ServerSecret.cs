namespace Gardefou.Verification.Storage;

/// <summary>A named secret the service creates on first start (code HMAC key, certificate signing key).</summary>
internal sealed class ServerSecret
{
    public required string Name { get; set; }

    public required byte[] Value { get; set; }

    public DateTime CreatedAt { get; set; }
}
