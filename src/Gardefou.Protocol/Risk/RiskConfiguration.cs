using Gardefou.Protocol.Export;

namespace Gardefou.Protocol.Risk;

/// <summary>
/// The health authority's risk model, GAEN v2 semantics (<c>DailySummariesConfig</c> + <c>DiagnosisKeysDataMapping</c>).
/// </summary>
/// <remarks>
/// <para>The model, per exposure window:</para>
/// <list type="number">
/// <item>each scan falls in a bucket by its typical attenuation: immediate ≤ <see cref="ImmediateThresholdDb"/> &lt;
/// near ≤ <see cref="NearThresholdDb"/> &lt; medium ≤ <see cref="MediumThresholdDb"/> &lt; other;</item>
/// <item>weighted duration = Σ secondsSinceLastScan × weight of the scan's bucket;</item>
/// <item>score = weighted duration × infectiousness weight × report-type weight;</item>
/// <item>windows scoring below <see cref="MinimumWindowScore"/> are ignored; the rest are summed per UTC day;</item>
/// <item>a day whose score sum reaches <see cref="DailyScoreThreshold"/> triggers a notification (day precision only).</item>
/// </list>
/// <para>With all weights 1.0, scores are seconds: the default threshold of 900 is "15 minutes close enough".
/// Weights lie in 0..2.5 and thresholds in 0..255 dB, increasing, as GAEN requires. The defaults are Gardefou's:
/// the bucket edges 30/50/70 dB and weights 150/100/50/0 % favour close contact; infectiousness is high from two
/// days before to two days after symptom onset, standard from five days before to nine after, none otherwise.
/// A record is immutable but <c>with</c> can build an invalid one: <see cref="RiskScorer"/> validates on construction.</para>
/// </remarks>
public sealed record RiskConfiguration
{
    /// <summary>Largest weight GAEN accepts (250 %).</summary>
    public const double MaxWeight = 2.5;

    /// <summary>Number of entries of <see cref="InfectiousnessByDaysSinceOnset"/>: days -14..14.</summary>
    public const int DaysSinceOnsetRange = (2 * DiagnosisKey.MaxDaysSinceOnset) + 1;

    /// <summary>The published defaults described above.</summary>
    public static RiskConfiguration Default { get; } = new();

    /// <summary>Upper edge of the immediate bucket, dB.</summary>
    public int ImmediateThresholdDb { get; init; } = 30;

    /// <summary>Upper edge of the near bucket, dB.</summary>
    public int NearThresholdDb { get; init; } = 50;

    /// <summary>Upper edge of the medium bucket, dB.</summary>
    public int MediumThresholdDb { get; init; } = 70;

    /// <summary>Weight of seconds in the immediate bucket.</summary>
    public double ImmediateWeight { get; init; } = 1.5;

    /// <summary>Weight of seconds in the near bucket.</summary>
    public double NearWeight { get; init; } = 1.0;

    /// <summary>Weight of seconds in the medium bucket.</summary>
    public double MediumWeight { get; init; } = 0.5;

    /// <summary>Weight of seconds beyond the medium threshold.</summary>
    public double OtherWeight { get; init; }

    /// <summary>Weight of standard infectiousness.</summary>
    public double StandardInfectiousnessWeight { get; init; } = 1.0;

    /// <summary>Weight of high infectiousness.</summary>
    public double HighInfectiousnessWeight { get; init; } = 1.5;

    /// <summary>Infectiousness for days since onset -14..14 (index = days + 14).</summary>
    public IReadOnlyList<Infectiousness> InfectiousnessByDaysSinceOnset { get; init; } = DefaultInfectiousness();

    /// <summary>Infectiousness of keys whose file gives no days since onset.</summary>
    public Infectiousness InfectiousnessWhenDaysSinceOnsetMissing { get; init; } = Infectiousness.Standard;

    /// <summary>Weight of keys confirmed by a test.</summary>
    public double ConfirmedTestWeight { get; init; } = 1.0;

    /// <summary>Weight of keys confirmed by a clinical diagnosis.</summary>
    public double ConfirmedClinicalDiagnosisWeight { get; init; } = 1.0;

    /// <summary>Weight of self-reported keys.</summary>
    public double SelfReportWeight { get; init; } = 1.0;

    /// <summary>Weight of recursive keys (reserved by GAEN; Gardefou never publishes them).</summary>
    public double RecursiveWeight { get; init; }

    /// <summary>Report type assumed for keys whose file gives none (or <see cref="ReportType.Unknown"/>).</summary>
    public ReportType ReportTypeWhenMissing { get; init; } = ReportType.ConfirmedTest;

    /// <summary>Windows scoring below this are left out of daily summaries (0 keeps all, as GAEN recommends).</summary>
    public double MinimumWindowScore { get; init; }

    /// <summary>A day whose score sum reaches this notifies; 900 = 15 minutes at weight 1.</summary>
    public double DailyScoreThreshold { get; init; } = 900;

    /// <summary>The infectiousness of a key, from its days since onset (GAEN's DiagnosisKeysDataMapping).</summary>
    public Infectiousness InfectiousnessFor(int? daysSinceOnset) => daysSinceOnset switch
    {
        null => InfectiousnessWhenDaysSinceOnsetMissing,
        var d when Math.Abs(d.Value) > DiagnosisKey.MaxDaysSinceOnset => Infectiousness.None,
        var d => InfectiousnessByDaysSinceOnset[d.Value + DiagnosisKey.MaxDaysSinceOnset],
    };

    /// <summary>The report type a key is scored with: its own, or <see cref="ReportTypeWhenMissing"/>.</summary>
    public ReportType ReportTypeFor(ReportType? reportType) =>
        reportType is null or ReportType.Unknown ? ReportTypeWhenMissing : reportType.Value;

    /// <summary>
    /// The exposure window of scans that matched <paramref name="key"/> on <paramref name="day"/>, with the key's
    /// report type and infectiousness mapped through this configuration (what a device does after matching).
    /// </summary>
    public ExposureWindow CreateWindow(DiagnosisKey key, DateOnly day, CalibrationConfidence confidence, IReadOnlyList<ScanInstance> scans) =>
        new(day, ReportTypeFor(key.ReportType), InfectiousnessFor(key.DaysSinceOnsetOfSymptoms), confidence, scans);

    /// <summary>Every problem with this configuration; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, value) in new[] { ("ImmediateThresholdDb", ImmediateThresholdDb), ("NearThresholdDb", NearThresholdDb), ("MediumThresholdDb", MediumThresholdDb) })
        {
            if (value is < 0 or > ScanInstance.MaxAttenuationDb)
            {
                errors.Add($"{name} must be within 0..255 dB, not {value}.");
            }
        }
        if (!(ImmediateThresholdDb < NearThresholdDb && NearThresholdDb < MediumThresholdDb))
        {
            errors.Add("Attenuation thresholds must increase: immediate < near < medium.");
        }
        foreach (var (name, value) in Weights())
        {
            if (!double.IsFinite(value) || value is < 0 or > MaxWeight)
            {
                errors.Add($"{name} must be within 0..{MaxWeight}, not {value}.");
            }
        }
        if (InfectiousnessByDaysSinceOnset is null || InfectiousnessByDaysSinceOnset.Count != DaysSinceOnsetRange)
        {
            errors.Add($"InfectiousnessByDaysSinceOnset must have {DaysSinceOnsetRange} entries (days -14..14).");
        }
        else if (InfectiousnessByDaysSinceOnset.Any(i => !Enum.IsDefined(i)))
        {
            errors.Add("InfectiousnessByDaysSinceOnset holds an undefined infectiousness.");
        }
        if (!Enum.IsDefined(InfectiousnessWhenDaysSinceOnsetMissing))
        {
            errors.Add("InfectiousnessWhenDaysSinceOnsetMissing is undefined.");
        }
        if (ReportTypeWhenMissing is ReportType.Unknown or ReportType.Revoked || !Enum.IsDefined(ReportTypeWhenMissing))
        {
            errors.Add("ReportTypeWhenMissing must be a real diagnosis (confirmed test, clinical diagnosis, self report or recursive).");
        }
        if (!double.IsFinite(MinimumWindowScore) || MinimumWindowScore < 0)
        {
            errors.Add($"MinimumWindowScore must be a non-negative number, not {MinimumWindowScore}.");
        }
        if (!double.IsFinite(DailyScoreThreshold) || DailyScoreThreshold <= 0)
        {
            errors.Add($"DailyScoreThreshold must be positive, not {DailyScoreThreshold}.");
        }
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the configuration is invalid.</summary>
    public RiskConfiguration EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new ArgumentException("Invalid risk configuration: " + string.Join(" ", errors));
    }

    private (string, double)[] Weights() =>
    [
        (nameof(ImmediateWeight), ImmediateWeight), (nameof(NearWeight), NearWeight), (nameof(MediumWeight), MediumWeight),
        (nameof(OtherWeight), OtherWeight), (nameof(StandardInfectiousnessWeight), StandardInfectiousnessWeight),
        (nameof(HighInfectiousnessWeight), HighInfectiousnessWeight), (nameof(ConfirmedTestWeight), ConfirmedTestWeight),
        (nameof(ConfirmedClinicalDiagnosisWeight), ConfirmedClinicalDiagnosisWeight), (nameof(SelfReportWeight), SelfReportWeight),
        (nameof(RecursiveWeight), RecursiveWeight),
    ];

    private static Infectiousness[] DefaultInfectiousness()
    {
        var map = new Infectiousness[DaysSinceOnsetRange];
        for (var days = -DiagnosisKey.MaxDaysSinceOnset; days <= DiagnosisKey.MaxDaysSinceOnset; days++)
        {
            map[days + DiagnosisKey.MaxDaysSinceOnset] = days switch
            {
                >= -2 and <= 2 => Infectiousness.High,
                >= -5 and <= 9 => Infectiousness.Standard,
                _ => Infectiousness.None,
            };
        }
        return map;
    }
}
