using Microsoft.Extensions.Logging;

namespace Gardefou.Keys;

/// <summary>
/// Every log message of the key service. None carries key material, tokens, certificates or client addresses, and
/// none says more than the database keeps: nothing per upload (real or chaff), no real key count per export.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(102, LogLevel.Error, "Storing an upload failed ({ExceptionType}, code {Code}); nothing of it was stored and its request was refused")]
    public static partial void UploadStoreFailed(ILogger logger, string exceptionType, string code);

    // No key count: the real number of keys per window is what the padding hides from everyone else.
    [LoggerMessage(110, LogLevel.Information, "Export {Series} window {WindowStart:o} to {WindowEnd:o}: {Files} files")]
    public static partial void Exported(ILogger logger, string series, DateTimeOffset windowStart, DateTimeOffset windowEnd, int files);

    [LoggerMessage(111, LogLevel.Debug, "Export {Series} window starting {WindowStart:o} already claimed by another instance")]
    public static partial void ExportAlreadyClaimed(ILogger logger, string series, DateTimeOffset windowStart);

    [LoggerMessage(112, LogLevel.Error, "Export worker failed; it retries on its next tick")]
    public static partial void ExportFailed(ILogger logger, Exception exception);

    [LoggerMessage(120, LogLevel.Information, "Retention removed {Keys} keys and {Files} export files older than {Cutoff:o}")]
    public static partial void RetentionDeleted(ILogger logger, int keys, int files, DateTimeOffset cutoff);

    [LoggerMessage(121, LogLevel.Warning, "Sunset date {Sunset:o} passed: uploads stopped, every key and export deleted")]
    public static partial void Sunset(ILogger logger, DateTimeOffset sunset);

    // No key count: per hour it would outlive the rows retention deletes.
    [LoggerMessage(140, LogLevel.Debug, "Storage order of the keys created or revised before {Through:o} rewritten at random")]
    public static partial void HoursMixed(ILogger logger, DateTimeOffset through);

    [LoggerMessage(131, LogLevel.Warning, "DEMO MODE - Keys:DebugReleaseSameDayKeys is on: keys still valid at upload are exported without embargo. Never use this with real users.")]
    public static partial void SameDayRelease(ILogger logger);

    [LoggerMessage(130, LogLevel.Warning, "Could not load the verification keys of health authority {HealthAuthority}: {Reason}")]
    public static partial void TrustLoadFailed(ILogger logger, string healthAuthority, string reason);
}
