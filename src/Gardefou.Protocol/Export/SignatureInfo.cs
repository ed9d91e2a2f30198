namespace Gardefou.Protocol.Export;

/// <summary>
/// Identifies the key that signed an export file, as listed in <c>export.bin</c> and <c>export.sig</c>.
/// Clients pick the public key they were given out of band for this id and version.
/// </summary>
/// <param name="VerificationKeyId">Key alias; Apple expects the health authority's MCC, e.g. "310".</param>
/// <param name="VerificationKeyVersion">Key version, e.g. "v1".</param>
/// <param name="SignatureAlgorithm">ASN.1 OID of the algorithm as dotted text.</param>
public sealed record SignatureInfo(string VerificationKeyId, string VerificationKeyVersion, string SignatureAlgorithm = SignatureInfo.EcdsaP256Sha256Oid)
{
    /// <summary>ecdsa-with-SHA256, the algorithm of every GAEN export signature.</summary>
    public const string EcdsaP256Sha256Oid = "1.2.840.10045.4.3.2";
}
