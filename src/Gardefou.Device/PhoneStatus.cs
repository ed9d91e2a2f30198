namespace Gardefou.Device;

/// <summary>What <c>gardefou phone status</c> shows: counts and days, never keys, identifiers or times of day.</summary>
/// <param name="Server">The key server.</param>
/// <param name="KeyCount">Own keys kept.</param>
/// <param name="ObservationCount">Scan instances kept.</param>
/// <param name="LastExportPath">The last export file processed, if any.</param>
/// <param name="ExposureDays">Days with a notified exposure.</param>
/// <param name="Reported">Whether this phone uploaded its keys after a positive test.</param>
/// <param name="ChaffSent">Dummy uploads sent so far.</param>
/// <param name="Sunset">The sunset day, if configured.</param>
public sealed record PhoneStatus(
    Uri Server,
    int KeyCount,
    int ObservationCount,
    string? LastExportPath,
    IReadOnlyList<DateOnly> ExposureDays,
    bool Reported,
    int ChaffSent,
    DateOnly? Sunset);
