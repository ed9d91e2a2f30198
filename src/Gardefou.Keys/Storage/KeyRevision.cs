namespace Gardefou.Keys.Storage;

/// <summary>
/// A revision of one stored key, applied by the <see cref="UploadWriter"/> in the transaction of its upload: the row
/// changes only if it is still as the revision was checked against (same validity, <paramref name="ExpectedReportType"/>,
/// never revised), so two revisions racing for one key cannot both succeed.
/// </summary>
/// <param name="KeyData">The key's 16 bytes.</param>
/// <param name="RollingStart">The validity start the key was published with.</param>
/// <param name="RollingPeriod">The validity length the key was published with.</param>
/// <param name="ExpectedReportType">The report type the stored row must still have.</param>
/// <param name="RevisedReportType">The report type after the revision.</param>
/// <param name="RevisedHour">Revision time truncated to the hour (Unix seconds).</param>
public sealed record KeyRevision(byte[] KeyData, int RollingStart, int RollingPeriod, int ExpectedReportType, int RevisedReportType, long RevisedHour);
