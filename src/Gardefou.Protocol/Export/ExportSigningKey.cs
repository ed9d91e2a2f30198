using System.Security.Cryptography;

namespace Gardefou.Protocol.Export;

/// <summary>
/// A private ECDSA P-256 key that signs export files, with the info clients use to find its public half.
/// The caller owns <see cref="PrivateKey"/> and disposes it.
/// </summary>
public sealed class ExportSigningKey
{
    /// <summary>Wraps a P-256 private key; any other curve is rejected.</summary>
    public ExportSigningKey(SignatureInfo info, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!EcdsaPem.IsP256(privateKey))
        {
            throw new ArgumentException("Export files are signed with ECDSA over P-256.", nameof(privateKey));
        }
        if (info.SignatureAlgorithm != SignatureInfo.EcdsaP256Sha256Oid)
        {
            throw new ArgumentException($"Only {SignatureInfo.EcdsaP256Sha256Oid} (ECDSA P-256 SHA-256) is supported.", nameof(info));
        }
        Info = info;
        PrivateKey = privateKey;
    }

    /// <summary>Key id, version and algorithm written into the file.</summary>
    public SignatureInfo Info { get; }

    /// <summary>The private key.</summary>
    public ECDsa PrivateKey { get; }

    /// <summary>A fresh P-256 key pair for <paramref name="keyId"/> and <paramref name="version"/>.</summary>
    public static ExportSigningKey Generate(string keyId, string version) =>
        new(new SignatureInfo(keyId, version), ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>DER X9.62 signature of <paramref name="exportBin"/> (header included), SHA-256.</summary>
    public byte[] Sign(ReadOnlySpan<byte> exportBin) =>
        PrivateKey.SignData(exportBin, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
}
