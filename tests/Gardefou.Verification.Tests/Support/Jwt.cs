using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gardefou.Verification.Tests.Support;

/// <summary>An independent ES256 check of a certificate: split, verify with the published key, read the claims.</summary>
internal static class Jwt
{
    public static (JsonElement Header, JsonElement Claims) VerifyEs256(string jwt, string publicKeyPem)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(
            key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            "The certificate's ES256 signature does not verify with the published key.");
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement.Clone();
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone();
        return (header, claims);
    }
}
