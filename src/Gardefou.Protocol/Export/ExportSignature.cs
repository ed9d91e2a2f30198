namespace Gardefou.Protocol.Export;

/// <summary>One entry of <c>export.sig</c>: a signature over the whole <c>export.bin</c> and what it claims to cover.</summary>
/// <param name="Info">Which key made it.</param>
/// <param name="BatchNum">Batch number the signer signed; must equal the one in <c>export.bin</c>.</param>
/// <param name="BatchSize">Batch size the signer signed; must equal the one in <c>export.bin</c>.</param>
/// <param name="Signature">X9.62 DER <c>SEQUENCE { r, s }</c> of ECDSA P-256 over SHA-256.</param>
public sealed record ExportSignature(SignatureInfo Info, int BatchNum, int BatchSize, ReadOnlyMemory<byte> Signature);
