using System.Buffers.Binary;
using System.Security.Cryptography;
using Gardefou.Protocol.Keys;

namespace Gardefou.Keys.Features.Publish;

/// <summary>
/// Revision tokens: the list of a device's keys (key, start, period), encrypted with AES-256-GCM under a
/// secret of the key service. Always padded to <see cref="Entries"/> entries so the token's size says
/// nothing about how many keys were uploaded; only the device holding it can later revise those keys.
/// </summary>
public sealed class RevisionTokenProtector
{
    /// <summary>Entries in every token (at least the 28 of the GAEN key server, and enough for a full 30-key upload).</summary>
    public const int Entries = PublishRules.MaxKeys;

    private const byte Version = 1;
    private const int EntrySize = TemporaryExposureKey.Size + 8;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int PlainSize = Entries * EntrySize;
    private const int TokenSize = 1 + NonceSize + PlainSize + TagSize;
    private static readonly byte[] s_associatedData = "gardefou revision token v1"u8.ToArray();

    private readonly byte[] _key;

    /// <summary>Creates a protector over a 32-byte AES key.</summary>
    public RevisionTokenProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("The revision key must be 32 bytes.", nameof(key));
        }
        _key = key;
    }

    /// <summary>Encrypts the keys into a base64 token.</summary>
    public string Protect(ReadOnlySpan<SubmittedKey> keys)
    {
        if (keys.Length > Entries)
        {
            throw new ArgumentException($"A token holds at most {Entries} keys.", nameof(keys));
        }
        Span<byte> plain = stackalloc byte[PlainSize];
        plain.Clear();
        for (var i = 0; i < keys.Length; i++)
        {
            var entry = plain.Slice(i * EntrySize, EntrySize);
            keys[i].Key.CopyTo(entry);
            BinaryPrimitives.WriteInt32LittleEndian(entry[16..], keys[i].RollingStart);
            BinaryPrimitives.WriteInt32LittleEndian(entry[20..], keys[i].RollingPeriod);
        }
        var token = new byte[TokenSize];
        token[0] = Version;
        var nonce = token.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagSize))
        {
            aes.Encrypt(nonce, plain, token.AsSpan(1 + NonceSize, PlainSize), token.AsSpan(1 + NonceSize + PlainSize, TagSize), s_associatedData);
        }
        CryptographicOperations.ZeroMemory(plain);
        return Convert.ToBase64String(token);
    }

    /// <summary>A token of the right size made of random bytes, for chaff responses.</summary>
    public static string RandomToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenSize));

    /// <summary>Decrypts a token; false for anything that is not a token of this service (wrong size, forged, other key).</summary>
    public bool TryUnprotect(string? token, out List<RevisableKey> keys)
    {
        keys = [];
        if (token is null || token.Length > 2 * TokenSize)
        {
            return false;
        }
        var bytes = new byte[TokenSize];
        if (!Convert.TryFromBase64String(token, bytes, out var written) || written != TokenSize || bytes[0] != Version)
        {
            return false;
        }
        var plain = new byte[PlainSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(bytes.AsSpan(1, NonceSize), bytes.AsSpan(1 + NonceSize, PlainSize), bytes.AsSpan(1 + NonceSize + PlainSize, TagSize), plain, s_associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        for (var i = 0; i < Entries; i++)
        {
            var entry = plain.AsSpan(i * EntrySize, EntrySize);
            var period = BinaryPrimitives.ReadInt32LittleEndian(entry[20..]);
            if (period == 0)
            {
                continue;
            }
            keys.Add(new RevisableKey(TemporaryExposureKey.FromBytes(entry[..16]), BinaryPrimitives.ReadInt32LittleEndian(entry[16..]), period));
        }
        CryptographicOperations.ZeroMemory(plain);
        return true;
    }
}
