using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Gardefou.Protocol.Export;

/// <summary>
/// PEM helpers for the P-256 keys of export files and certificates: public keys travel as SubjectPublicKeyInfo
/// (<c>-----BEGIN PUBLIC KEY-----</c>), private keys as PKCS#8 or SEC1.
/// </summary>
public static class EcdsaPem
{
    /// <summary>Loads a P-256 public key; throws <see cref="CryptographicException"/> when it is not one.</summary>
    public static ECDsa LoadPublicKey(string pem)
    {
        if (!TryLoadPublicKey(pem, out var key, out var error))
        {
            throw new CryptographicException(error);
        }
        return key;
    }

    /// <summary>Loads a P-256 public key, or says why not.</summary>
    public static bool TryLoadPublicKey(string? pem, [NotNullWhen(true)] out ECDsa? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(pem) || !pem.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
        {
            error = "expected a PEM 'PUBLIC KEY' (SubjectPublicKeyInfo) block";
            return false;
        }
        var candidate = ECDsa.Create();
        try
        {
            candidate.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            candidate.Dispose();
            error = "the PEM block is not an EC public key";
            return false;
        }
        if (!IsP256(candidate))
        {
            candidate.Dispose();
            error = "the key is not on curve P-256";
            return false;
        }
        key = candidate;
        error = null;
        return true;
    }

    /// <summary>Loads a P-256 private key (PKCS#8 or SEC1 PEM).</summary>
    public static ECDsa LoadPrivateKey(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (!IsP256(key))
            {
                throw new CryptographicException("The key is not on curve P-256.");
            }
            _ = key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The SubjectPublicKeyInfo PEM of <paramref name="key"/>.</summary>
    public static string ExportPublicKey(ECDsa key) => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The PKCS#8 PEM of the private <paramref name="key"/>.</summary>
    public static string ExportPrivateKey(ECDsa key) => key.ExportPkcs8PrivateKeyPem();

    /// <summary>Whether <paramref name="key"/> lies on NIST P-256 (secp256r1).</summary>
    public static bool IsP256(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            return false;
        }
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed && (curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256");
    }
}
