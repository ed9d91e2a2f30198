namespace Gardefou.Keys;

/// <summary>Settings of the diagnosis-key service, bound from the configuration section <c>Keys</c>.</summary>
public sealed class KeysOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Keys";

    /// <summary>The hard ceiling of retention: nothing is kept longer than 14 days, whatever the configuration says.</summary>
    public static readonly TimeSpan MaximumRetention = TimeSpan.FromDays(14);

    /// <summary>Length of a main export window (<c>Keys:ExportPeriod</c>, default one hour; seconds are allowed for demos).</summary>
    public TimeSpan ExportPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a daily series is built beside the main one (<c>Keys:DailyExports</c>).</summary>
    public bool DailyExports { get; set; } = true;

    /// <summary>How long keys and exports are kept (<c>Keys:Retention</c>); capped at 14 days.</summary>
    public TimeSpan Retention { get; set; } = MaximumRetention;

    /// <summary>After this instant uploads stop and every key and export is deleted (<c>Keys:SunsetDate</c>).</summary>
    public DateTimeOffset? SunsetDate { get; set; }

    /// <summary>Batches with fewer keys are padded with random keys up to this size plus a random jitter.</summary>
    public int MinimumBatchSize { get; set; } = 1000;

    /// <summary>Upper bound of the random number of extra padding keys.</summary>
    public int PaddingJitter { get; set; } = 100;

    /// <summary>Keys per export file; a larger batch is split into several files.</summary>
    public int MaxKeysPerFile { get; set; } = 500_000;

    /// <summary>Region written into export files.</summary>
    public string Region { get; set; } = "demo";

    /// <summary>Signature info key id (Apple expects the MCC).</summary>
    public string SigningKeyId { get; set; } = "000";

    /// <summary>Signature info key version.</summary>
    public string SigningKeyVersion { get; set; } = "v1";

    /// <summary>How often the worker checks for windows to export and data to delete.</summary>
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every publish response body has exactly this many bytes, so sizes say nothing about the request.</summary>
    public int ResponseSize { get; set; } = 2048;

    /// <summary>
    /// Demo only (<c>Keys:DebugReleaseSameDayKeys</c>, Google's <c>DEBUG_RELEASE_SAME_DAY_KEYS</c>): keys still valid at
    /// upload are exported in the next window instead of two hours after their end, so a walk-through can publish
    /// today's key and see it at once. Off by default; refused at start unless the service runs in demo mode
    /// (<see cref="IsDemo"/>); logged as a warning at every start.
    /// </summary>
    public bool DebugReleaseSameDayKeys { get; set; }

    /// <summary>Demo mode: no health authority is configured, so only the built-in <c>demo</c> authority is trusted.</summary>
    public bool IsDemo => HealthAuthorities.Count == 0;

    /// <summary>Health authorities whose certificates are accepted, by <c>healthAuthorityID</c>.</summary>
    public Dictionary<string, HealthAuthorityOptions> HealthAuthorities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The retention actually applied: the configured value, never more than 14 days.</summary>
    public TimeSpan EffectiveRetention => Retention <= TimeSpan.Zero || Retention > MaximumRetention ? MaximumRetention : Retention;
}
