namespace Gardefou.Protocol.Export;

/// <summary>What <see cref="ExportFileReader"/> found in an export zip.</summary>
/// <param name="Batch">The decoded <c>export.bin</c>.</param>
/// <param name="Signatures">The decoded <c>export.sig</c> entries.</param>
/// <param name="ExportBin">The exact bytes of <c>export.bin</c> (header included), which the signatures cover.</param>
public sealed record ExportFileContents(ExportBatch Batch, IReadOnlyList<ExportSignature> Signatures, ReadOnlyMemory<byte> ExportBin);
