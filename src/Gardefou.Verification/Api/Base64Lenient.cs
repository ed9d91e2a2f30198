namespace Gardefou.Verification.Api;

/// <summary>
/// Base64 as Google's servers decode it (base64util.DecodeString): standard or URL-safe alphabet, with or without
/// trailing <c>=</c>.
/// </summary>
internal static class Base64Lenient
{
    public static bool TryDecode(string? value, Span<byte> destination, out int written)
    {
        written = 0;
        if (value is null || value.Length > 4 * ((destination.Length + 2) / 3) + 4)
        {
            return false;
        }
        var normalized = value.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        if (normalized.Length % 4 == 1)
        {
            return false;
        }
        normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
        return Convert.TryFromBase64String(normalized, destination, out written);
    }
}
