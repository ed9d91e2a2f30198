using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Gardefou.Hosting.SignIn;

/// <summary>
/// Device-cookie tokens ("Slow Down Online Guessing Attacks with Device Cookies", OWASP): a random device id and, for
/// each account that signed in on the browser (the newest <see cref="MaxAccounts"/>), a tag binding the id to that
/// account, an HMAC under a key only the server holds. The server keeps nothing about them; the account names are
/// not in the token, only their tags. A token cannot be forged, edited or moved to another account.
/// </summary>
internal sealed class DeviceTokens(Func<byte[]> key)
{
    public const int MaxAccounts = 8;
    private const int IdBytes = 16;
    private const int TagBytes = 16;
    private const int MaxChars = 512;
    private static readonly byte[] s_label = "gardefou-device-v1\0"u8.ToArray();
    // Read at first use, and again after a failure (a domain's key may not be loaded yet): an error is never cached.
    private readonly Lazy<byte[]> _key = new(key, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>A token for this browser that adds <paramref name="account"/> to what <paramref name="existing"/> held (a new device when it held nothing valid).</summary>
    public string Issue(string? existing, string account)
    {
        var (id, tags) = Parse(existing) ?? (RandomNumberGenerator.GetBytes(IdBytes), []);
        var tag = Tag(id, account);
        var kept = tags.Where(t => !t.AsSpan().SequenceEqual(tag)).Take(MaxAccounts - 1).ToList();
        var bytes = new byte[IdBytes + (TagBytes * (kept.Count + 1))];
        id.CopyTo(bytes, 0);
        tag.CopyTo(bytes, IdBytes);
        for (var i = 0; i < kept.Count; i++)
        {
            kept[i].CopyTo(bytes, IdBytes + (TagBytes * (i + 1)));
        }
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The device id when <paramref name="token"/> is valid for <paramref name="account"/>, else null.</summary>
    public byte[]? DeviceOf(string? token, string account)
    {
        if (Parse(token) is not var (id, tags))
        {
            return null;
        }
        var expected = Tag(id, account);
        var found = false;
        foreach (var tag in tags)
        {
            found |= CryptographicOperations.FixedTimeEquals(tag, expected);
        }
        return found ? id : null;
    }

    private byte[] Tag(byte[] id, string account)
    {
        var input = new byte[s_label.Length + IdBytes + Encoding.UTF8.GetByteCount(account)];
        s_label.CopyTo(input, 0);
        id.CopyTo(input, s_label.Length);
        Encoding.UTF8.GetBytes(account, input.AsSpan(s_label.Length + IdBytes));
        return HMACSHA256.HashData(_key.Value, input)[..TagBytes];
    }

    private static (byte[] Id, byte[][] Tags)? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxChars)
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return null;
        }
        var tagCount = (bytes.Length - IdBytes) / TagBytes;
        if (bytes.Length < IdBytes + TagBytes || (bytes.Length - IdBytes) % TagBytes != 0 || tagCount > MaxAccounts)
        {
            return null;
        }
        var tags = new byte[tagCount][];
        for (var i = 0; i < tagCount; i++)
        {
            tags[i] = bytes[(IdBytes + (TagBytes * i))..(IdBytes + (TagBytes * (i + 1)))];
        }
        return (bytes[..IdBytes], tags);
    }
}
