namespace Gardefou.Device.Exposure;

/// <summary>
/// The outcome of an exposure check, as shown to the user: whether there was an exposure and on which UTC days.
/// Deliberately nothing finer: no time of day, no duration, no place, no key (privacy catalogue C2-8).
/// </summary>
/// <param name="Exposed">Whether at least one day is at risk within the retention period.</param>
/// <param name="Days">The days at risk, oldest first.</param>
/// <param name="FilesProcessed">Export files downloaded, verified and matched by this check.</param>
public sealed record ExposureCheckResult(bool Exposed, IReadOnlyList<DateOnly> Days, int FilesProcessed)
{
    /// <summary>
    /// The notification as the emulator prints it, exactly <c>{"exposed": true|false, "days": ["YYYY-MM-DD", ...]}</c>:
    /// nothing else, so nothing can reveal a time of day, a place or a key.
    /// </summary>
    public string ToJson() =>
        $"{{\"exposed\": {(Exposed ? "true" : "false")}, \"days\": [{string.Join(", ", Days.Select(d => $"\"{d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}\""))}]}}";
}
