namespace Gardefou.Protocol.Export;

/// <summary>
/// What <see cref="ExportFileReader.ReadKeys"/> found in an export zip besides the keys it streamed to its sink:
/// the batch fields of <c>export.bin</c>, the signatures of <c>export.sig</c>, and the SHA-256 of <c>export.bin</c>
/// computed while it was read, which is what the signatures sign (see <see cref="ExportSignatureVerifier"/>).
/// </summary>
/// <param name="Region">Region code, e.g. "US" or an MCC.</param>
/// <param name="BatchNum">1-based number of the file within its batch.</param>
/// <param name="BatchSize">Number of files in the batch.</param>
/// <param name="StartTimestamp">Start of the window of server arrival.</param>
/// <param name="EndTimestamp">End of the window of server arrival.</param>
/// <param name="SignatureInfos">The signature infos listed in <c>export.bin</c>.</param>
/// <param name="KeyCount">Keys in <c>keys</c>.</param>
/// <param name="RevisedKeyCount">Keys in <c>revised_keys</c>.</param>
/// <param name="Signatures">The decoded <c>export.sig</c> entries.</param>
/// <param name="ExportBinSha256">SHA-256 of the exact bytes of <c>export.bin</c> (header included).</param>
public sealed record ExportFileSummary(
    string Region,
    int BatchNum,
    int BatchSize,
    DateTimeOffset StartTimestamp,
    DateTimeOffset EndTimestamp,
    IReadOnlyList<SignatureInfo> SignatureInfos,
    int KeyCount,
    int RevisedKeyCount,
    IReadOnlyList<ExportSignature> Signatures,
    ReadOnlyMemory<byte> ExportBinSha256);
