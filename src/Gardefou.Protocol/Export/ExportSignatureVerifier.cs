using System.Security.Cryptography;

namespace Gardefou.Protocol.Export;

/// <summary>
/// Checks the signatures of an export file against a public key obtained out of band. Forged, truncated or
/// garbage signatures simply fail: verification never throws on untrusted input.
/// </summary>
public static class ExportSignatureVerifier
{
    /// <summary>
    /// True when at least one signature in <c>export.sig</c> was made by <paramref name="publicKey"/> over the
    /// exact <c>export.bin</c> and names the same batch number and size as <c>export.bin</c>.
    /// </summary>
    public static bool Verify(ExportFileContents contents, ECDsa publicKey) => Verify(contents, publicKey, keyId: null, keyVersion: null);

    /// <summary>
    /// Like <see cref="Verify(ExportFileContents, ECDsa)"/>, but only signatures whose info names
    /// <paramref name="keyId"/> and <paramref name="keyVersion"/> (when given) are considered, as a client that
    /// holds several authorities' keys does.
    /// </summary>
    public static bool Verify(ExportFileContents contents, ECDsa publicKey, string? keyId, string? keyVersion)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(publicKey);
        var valid = false;
        foreach (var signature in contents.Signatures)
        {
            if ((keyId is not null && signature.Info.VerificationKeyId != keyId)
                || (keyVersion is not null && signature.Info.VerificationKeyVersion != keyVersion)
                || signature.Info.SignatureAlgorithm != SignatureInfo.EcdsaP256Sha256Oid
                || signature.BatchNum != contents.Batch.BatchNum
                || signature.BatchSize != contents.Batch.BatchSize)
            {
                continue;
            }
            // Every candidate is checked, so the time taken does not depend on which one matched.
            valid |= VerifyOne(contents.ExportBin.Span, signature.Signature.Span, publicKey);
        }
        return valid;
    }

    private static bool VerifyOne(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, ECDsa publicKey)
    {
        try
        {
            return publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
