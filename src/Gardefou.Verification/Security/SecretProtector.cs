using System.Security.Cryptography;

namespace Gardefou.Verification.Security;

/// <summary>
/// Encrypts the domain's stored secrets (code HMAC key, signing key) with AES-256-GCM under a key-encryption key
/// the operator keeps outside the database (<c>Verification:KeyEncryptionKey</c>), so that a copy of the database
/// alone yields neither the means to sign certificates nor to test guesses of codes against their HMACs.
/// Without that setting (the demo) secrets are stored as they are.
/// </summary>
internal static class SecretProtector
{
    private static ReadOnlySpan<byte> Magic => "GFK1"u8;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool TryParseKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrEmpty(base64))
        {
            return false;
        }
        var buffer = new byte[32];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != 32)
        {
            return false;
        }
        key = buffer;
        return true;
    }

    public static byte[] Protect(byte[]? kek, string name, byte[] secret)
    {
        if (kek is null)
        {
            return secret;
        }
        var stored = new byte[Magic.Length + NonceSize + TagSize + secret.Length];
        var span = stored.AsSpan();
        Magic.CopyTo(span);
        var nonce = span.Slice(Magic.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, TagSize);
        // The secret's name is authenticated too, so one stored secret cannot be swapped for another.
        aes.Encrypt(nonce, secret, span[(Magic.Length + NonceSize + TagSize)..], span.Slice(Magic.Length + NonceSize, TagSize), System.Text.Encoding.UTF8.GetBytes(name));
        return stored;
    }

    public static byte[] Unprotect(byte[]? kek, string name, byte[] stored)
    {
        if (!stored.AsSpan().StartsWith(Magic))
        {
            return stored;
        }
        if (kek is null)
        {
            throw new InvalidOperationException($"The stored secret '{name}' is encrypted: configure Verification:KeyEncryptionKey.");
        }
        var span = stored.AsSpan();
        var secret = new byte[stored.Length - Magic.Length - NonceSize - TagSize];
        using var aes = new AesGcm(kek, TagSize);
        try
        {
            aes.Decrypt(span.Slice(Magic.Length, NonceSize), span[(Magic.Length + NonceSize + TagSize)..], span.Slice(Magic.Length + NonceSize, TagSize), secret, System.Text.Encoding.UTF8.GetBytes(name));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException($"The stored secret '{name}' does not decrypt: Verification:KeyEncryptionKey is not the key it was stored with.");
        }
        return secret;
    }
}
