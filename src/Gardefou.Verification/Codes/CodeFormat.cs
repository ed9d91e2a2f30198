using System.Security.Cryptography;

namespace Gardefou.Verification.Codes;

/// <summary>
/// The two forms of a verification code: 8 digits (read over the phone, 15 minutes) and 16 characters
/// from an alphabet without look-alikes (sent as a link or text, 24 hours, 80 bits).
/// </summary>
internal static class CodeFormat
{
    public const int ShortLength = 8;
    public const int LongLength = 16;
    public const char ShortKind = 'S';
    public const char LongKind = 'L';

    /// <summary>32 symbols (5 bits each): no 0/O, no 1/I.</summary>
    public const string LongAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string NewShortCode() => RandomNumberGenerator.GetString("0123456789", ShortLength);

    public static string NewLongCode() => RandomNumberGenerator.GetString(LongAlphabet, LongLength);

    /// <summary>
    /// Normalizes what a person typed (spaces and dashes dropped, letters upper-cased) and tells which form
    /// it has. Anything else is still given a kind so that a wrong code costs the same work as a right one.
    /// </summary>
    public static (char Kind, string Code) Normalize(string input)
    {
        Span<char> buffer = stackalloc char[LongLength + 1];
        var n = 0;
        var valid = true;
        foreach (var c in input.AsSpan(0, Math.Min(input.Length, 64)))
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            if (n == buffer.Length)
            {
                valid = false;
                break;
            }
            buffer[n++] = char.ToUpperInvariant(c);
        }
        var code = new string(buffer[..n]);
        if (valid && n == ShortLength && IsAll(code, "0123456789"))
        {
            return (ShortKind, code);
        }
        return (LongKind, valid && n == LongLength && IsAll(code, LongAlphabet) ? code : "");
    }

    private static bool IsAll(string code, string alphabet)
    {
        foreach (var c in code)
        {
            if (!alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
