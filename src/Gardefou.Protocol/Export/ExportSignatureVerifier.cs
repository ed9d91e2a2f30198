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
        var digest = SHA256.HashData(contents.ExportBin.Span);
        return Verify(contents.Signatures, contents.Batch.BatchNum, contents.Batch.BatchSize, digest, publicKey, keyId, keyVersion);
    }

    /// <summary>
    /// The check of <see cref="Verify(ExportFileContents, ECDsa, string?, string?)"/> for a file read by
    /// <see cref="ExportFileReader.ReadKeys"/>, against the hash of <c>export.bin</c> taken while it was streamed.
    /// </summary>
    public static bool Verify(ExportFileSummary summary, ECDsa publicKey, string? keyId = null, string? keyVersion = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(publicKey);
        return Verify(summary.Signatures, summary.BatchNum, summary.BatchSize, summary.ExportBinSha256.Span, publicKey, keyId, keyVersion);
    }

    private static bool Verify(
        IReadOnlyList<ExportSignature> signatures, int batchNum, int batchSize, ReadOnlySpan<byte> sha256, ECDsa publicKey, string? keyId, string? keyVersion)
    {
        var valid = false;
        foreach (var signature in signatures)
        {
            if ((keyId is not null && signature.Info.VerificationKeyId != keyId)
                || (keyVersion is not null && signature.Info.VerificationKeyVersion != keyVersion)
                || signature.Info.SignatureAlgorithm != SignatureInfo.EcdsaP256Sha256Oid
                || signature.BatchNum != batchNum
                || signature.BatchSize != batchSize)
            {
                continue;
            }
            // Every candidate is checked, so the time taken does not depend on which one matched.
            valid |= VerifyOne(sha256, signature.Signature.Span, publicKey);
        }
        return valid;
    }

    private static bool VerifyOne(ReadOnlySpan<byte> sha256, ReadOnlySpan<byte> signature, ECDsa publicKey)
    {
        try
        {
            return publicKey.VerifyHash(sha256, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
