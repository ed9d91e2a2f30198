using System.Security.Cryptography;
using Gardefou.Protocol.Export;

namespace Gardefou.Protocol.Tests.Export;

public sealed class EcdsaPemTests
{
    [Fact]
    public void P256_public_key_round_trips_through_pem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "export.bin"u8.ToArray();
        var signature = key.SignData(data, HashAlgorithmName.SHA256);

        using var loaded = EcdsaPem.LoadPublicKey(EcdsaPem.ExportPublicKey(key));

        Assert.True(loaded.VerifyData(data, signature, HashAlgorithmName.SHA256));
        using var privateKey = EcdsaPem.LoadPrivateKey(EcdsaPem.ExportPrivateKey(key));
        Assert.True(loaded.VerifyData(data, privateKey.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Other_curves_rsa_keys_and_garbage_are_refused_with_a_reason()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        foreach (var (pem, reason) in new[]
        {
            (p384.ExportSubjectPublicKeyInfoPem(), "P-256"),
            (rsa.ExportSubjectPublicKeyInfoPem(), "not an EC public key"),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "not an EC public key"),
            ("hello", "PUBLIC KEY"),
            ("", "PUBLIC KEY"),
        })
        {
            Assert.False(EcdsaPem.TryLoadPublicKey(pem, out var key, out var error));
            Assert.Null(key);
            Assert.Contains(reason, error, StringComparison.Ordinal);
            Assert.Throws<CryptographicException>(() => EcdsaPem.LoadPublicKey(pem));
        }
        Assert.Throws<CryptographicException>(() => EcdsaPem.LoadPrivateKey(p384.ExportPkcs8PrivateKeyPem()));
    }
}
