using System.Security.Cryptography;

namespace Gardefou.Server.Hosting;

/// <summary>The <c>padding</c> string member of a publish answer, found and resized in place.</summary>
internal static class PublishPadding
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Start and length of the padding value, or null when the body carries none (it was not a publish answer).</summary>
    public static (int Start, int Length)? Find(ReadOnlySpan<byte> body)
    {
        var member = body.LastIndexOf("\"padding\":\""u8);
        if (member < 0)
        {
            return null;
        }
        var start = member + "\"padding\":\"".Length;
        var end = body[start..].IndexOf((byte)'"');
        return end < 0 ? null : (start, end);
    }

    /// <summary>The body with its padding lengthened or shortened so that it is <paramref name="length"/> bytes long (as near as the padding allows).</summary>
    public static byte[] Resize(byte[] body, int length)
    {
        if (Find(body) is not { } padding || length == body.Length)
        {
            return body;
        }
        var paddingLength = Math.Max(0, padding.Length + length - body.Length);
        var resized = new byte[body.Length - padding.Length + paddingLength];
        body.AsSpan(0, padding.Start).CopyTo(resized);
        var kept = Math.Min(padding.Length, paddingLength);
        body.AsSpan(padding.Start, kept).CopyTo(resized.AsSpan(padding.Start));
        Span<byte> random = stackalloc byte[1];
        for (var i = padding.Start + kept; i < padding.Start + paddingLength; i++)
        {
            RandomNumberGenerator.Fill(random);
            resized[i] = (byte)Alphabet[random[0] & 63];
        }
        body.AsSpan(padding.Start + padding.Length).CopyTo(resized.AsSpan(padding.Start + paddingLength));
        return resized;
    }
}
