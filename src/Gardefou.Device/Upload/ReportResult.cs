namespace Gardefou.Device.Upload;

/// <summary>What a positive report uploaded: how many keys, for which days (withheld days excluded).</summary>
/// <param name="KeysUploaded">Number of keys published.</param>
/// <param name="Days">The UTC days whose keys were published, oldest first.</param>
/// <param name="WithheldDays">The days the user chose not to share.</param>
public sealed record ReportResult(int KeysUploaded, IReadOnlyList<DateOnly> Days, IReadOnlyList<DateOnly> WithheldDays);
