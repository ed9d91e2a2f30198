using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gardefou.Protocol.Certificates;

/// <summary>The few pieces of RFC 7515 compact serialization that ES256 certificates need.</summary>
internal static class CompactJws
{
    public const string Algorithm = "ES256";

    // ES256 signatures are r || s, 32 bytes each (IEEE P1363), not DER.
    public const int SignatureSize = 64;

    private static readonly SearchValues<char> s_alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    public static string Sign(string header, string payload, ECDsa key)
    {
        var signingInput = Encoding.ASCII.GetBytes($"{header}.{payload}");
        var signature = key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    public static bool Verify(ReadOnlySpan<char> signingInput, ReadOnlySpan<byte> signature, ECDsa key)
    {
        if (signature.Length != SignatureSize)
        {
            return false;
        }
        try
        {
            var input = Encoding.ASCII.GetBytes(signingInput.ToArray());
            return key.VerifyData(input, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static bool TryDecode(ReadOnlySpan<char> segment, out byte[] bytes)
    {
        bytes = [];
        // Strict alphabet: no padding, no whitespace, nothing Base64Url would tolerate but JWS forbids.
        if (segment.IsEmpty || segment.ContainsAnyExcept(s_alphabet))
        {
            return false;
        }
        // A length of 4n+1 characters cannot encode anything (Base64Url throws rather than returning false).
        if (segment.Length % 4 == 1)
        {
            return false;
        }
        bytes = new byte[Base64Url.GetMaxDecodedLength(segment.Length)];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(segment, bytes, out written))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }
        bytes = bytes[..written];
        return true;
    }
}
