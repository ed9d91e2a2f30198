using Gardefou.Keys.Storage;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// One series of export files, listed once: its name (the folder of its files and the <c>Series</c> value of its
/// batch and file rows), its index, the length of its windows, and the columns of <see cref="DiagnosisKeyRow"/> that
/// record which of its batches first carried a key and its revision (the claims).
/// </summary>
public sealed record ExportSeries
{
    /// <summary>The main series, one window per <see cref="KeysOptions.ExportPeriod"/> (default one hour).</summary>
    public static readonly ExportSeries Period = new(
        "period", "index.txt", o => o.ExportPeriod, _ => true,
        nameof(DiagnosisKeyRow.PeriodBatchId), nameof(DiagnosisKeyRow.RevisedPeriodBatchId));

    /// <summary>The daily series (<see cref="KeysOptions.DailyExports"/>), one window per UTC day.</summary>
    public static readonly ExportSeries Daily = new(
        "daily", "daily/index.txt", _ => TimeSpan.FromDays(1), o => o.DailyExports,
        nameof(DiagnosisKeyRow.DailyBatchId), nameof(DiagnosisKeyRow.RevisedDailyBatchId));

    /// <summary>Every series, in the order they are exported.</summary>
    public static readonly IReadOnlyList<ExportSeries> All = [Period, Daily];

    private readonly Func<KeysOptions, TimeSpan> _window;
    private readonly Func<KeysOptions, bool> _enabled;

    private ExportSeries(string name, string indexPath, Func<KeysOptions, TimeSpan> window, Func<KeysOptions, bool> enabled, string batchColumn, string revisedBatchColumn)
    {
        Name = name;
        IndexPath = indexPath;
        _window = window;
        _enabled = enabled;
        BatchColumn = batchColumn;
        RevisedBatchColumn = revisedBatchColumn;
    }

    /// <summary>The series' name: the first segment of its file paths and the <c>Series</c> of its rows.</summary>
    public string Name { get; }

    /// <summary>Its index, relative to <c>/v1/exports/</c>.</summary>
    public string IndexPath { get; }

    /// <summary>The <see cref="DiagnosisKeyRow"/> column holding the batch of this series that first carried a key.</summary>
    public string BatchColumn { get; }

    /// <summary>The <see cref="DiagnosisKeyRow"/> column holding the batch of this series that carried a key's revision.</summary>
    public string RevisedBatchColumn { get; }

    /// <summary>The length of a window under <paramref name="options"/>.</summary>
    public TimeSpan WindowLength(KeysOptions options) => _window(options);

    /// <summary>Whether <paramref name="options"/> turn the series on.</summary>
    public bool IsEnabled(KeysOptions options) => _enabled(options);

    public override string ToString() => Name;
}
