namespace Gardefou.Simulation.EndToEnd;

/// <summary>What the phones of an end-to-end run did, as counted by the harness around them.</summary>
/// <param name="Phones">Phones set up (one per app user).</param>
/// <param name="ScanInstances">Scan instances the phones stored (identifier heard during one scan).</param>
/// <param name="Reports">Positive reports (code issued, verified, certificate obtained, keys published).</param>
/// <param name="KeysPublished">Keys those reports published.</param>
/// <param name="Checks">Exposure checks run by phones.</param>
/// <param name="FilesProcessed">Signed export files downloaded, verified and matched by phones, summed over phones.</param>
/// <param name="ExportsSeen">Distinct export files the server listed during the run.</param>
/// <param name="NotificationsShown">Checks that showed a new exposure day (before the engine's once-per-14-days rule).</param>
/// <param name="SetupTime">Wall-clock time setting phones up.</param>
/// <param name="AdvertisingTime">Wall-clock time of the phones' advertising (key creation and identifier rotation).</param>
/// <param name="RecordingTime">Wall-clock time storing scan instances.</param>
/// <param name="ReportsTime">Wall-clock time issuing codes, reporting and waiting for the keys to be exported.</param>
/// <param name="ChecksTime">Wall-clock time of the phones' exposure checks.</param>
public sealed record DeviceStatistics(
    int Phones,
    long ScanInstances,
    int Reports,
    int KeysPublished,
    long Checks,
    long FilesProcessed,
    int ExportsSeen,
    int NotificationsShown,
    TimeSpan SetupTime,
    TimeSpan AdvertisingTime,
    TimeSpan RecordingTime,
    TimeSpan ReportsTime,
    TimeSpan ChecksTime)
{
    /// <summary>Wall-clock time of the device part of the run.</summary>
    public TimeSpan Elapsed => SetupTime + AdvertisingTime + RecordingTime + ReportsTime + ChecksTime;
}
