using System.Security.Cryptography;
using Gardefou.Keys.Features.Export;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Keys.Tests.Export;

/// <summary>
/// Padding keys must say nothing about the real keys beside them: their metadata is compared between files whose real
/// keys differ as much as uploads can, and against the distribution docs/backend.md publishes, with chi-square tests
/// at a false-alarm rate of one in a million (copying real metadata, as padding once did, fails them by orders of magnitude).
/// </summary>
public sealed class PaddingMetadataTests
{
    private const double OneInAMillion = 4.753; // standard normal quantile for p = 1e-6

    private static readonly DateTimeOffset s_windowEnd = new(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
    private static readonly int s_endDay = EnIntervalNumber.FromTime(s_windowEnd).Value / EnIntervalNumber.IntervalsPerDay;
    private static readonly KeysOptions s_options = new() { MinimumBatchSize = 4000, PaddingJitter = 0 };

    private static readonly (string Name, Func<DiagnosisKey, int> Value)[] s_fields =
    [
        ("transmission risk", k => k.TransmissionRiskLevel),
        ("report type", k => (int)k.ReportType!.Value),
        ("days since onset", k => k.DaysSinceOnsetOfSymptoms!.Value),
        ("key age in days", k => s_endDay - (k.Validity.RollingStart.Value / EnIntervalNumber.IntervalsPerDay)),
        ("rolling period", k => k.Validity.RollingPeriod),
    ];

    [Fact]
    public void Files_with_very_different_real_keys_carry_padding_that_cannot_be_told_apart()
    {
        // One self-reported key, risk 8, 14 days old, onset 14 days after it; against thirty likely keys, risk 1, a
        // day to three days old, with onsets 0, 3 and 6 days after them.
        var lone = PaddingOf([Real(14, 8, ReportType.SelfReport, -14)]);
        var many = PaddingOf([.. Enumerable.Range(0, 30).Select(i => Real(1 + (i % 3), 1, ReportType.ConfirmedClinicalDiagnosis, 3 * (i % 3)))]);

        foreach (var (name, value) in s_fields)
        {
            var (statistic, critical) = TwoSampleChiSquare(lone.Select(value), many.Select(value));
            Assert.True(statistic < critical, $"{name}: chi-square {statistic:F1} ≥ {critical:F1}, the padding of the two files differs");
        }
        Assert.DoesNotContain(lone, k => k.TransmissionRiskLevel == 8);
        Assert.True(lone.Count(k => k.ReportType == ReportType.SelfReport) < lone.Count / 5, "padding does not copy the lone key's report type");
        Assert.True(many.Select(k => k.DaysSinceOnsetOfSymptoms).Distinct().Count() > 20, "padding onsets are not the three real values");
    }

    [Fact]
    public void Padding_metadata_follows_the_published_distribution()
    {
        var padding = PaddingOf([Real(2, 0, ReportType.ConfirmedTest, 0)]);

        // docs/backend.md: confirmed 70 % (risk 2), likely 20 % (risk 4), self-report 10 % (risk 0).
        AssertFits(padding.Select(k => (int)k.ReportType!.Value), new() { [1] = 0.7, [2] = 0.2, [3] = 0.1 });
        AssertFits(padding.Select(k => k.TransmissionRiskLevel), new() { [2] = 0.7, [4] = 0.2, [0] = 0.1 });
        // Key day uniform 1..14 days before the window's end day, onset day uniform 0..14 days before it.
        AssertFits(padding.Select(k => s_endDay - (k.Validity.RollingStart.Value / EnIntervalNumber.IntervalsPerDay)),
            Enumerable.Range(1, 14).ToDictionary(age => age, _ => 1.0 / 14));
        var onset = new Dictionary<int, double>();
        for (var keyAge = 1; keyAge <= 14; keyAge++)
        {
            for (var onsetAge = 0; onsetAge <= 14; onsetAge++)
            {
                onset[onsetAge - keyAge] = onset.GetValueOrDefault(onsetAge - keyAge) + (1.0 / (14 * 15));
            }
        }
        AssertFits(padding.Select(k => k.DaysSinceOnsetOfSymptoms!.Value), onset);
        Assert.All(padding, k => Assert.Equal(EnIntervalNumber.IntervalsPerDay, k.Validity.RollingPeriod));
        Assert.All(padding, k => Assert.True(k.Validity.RollingStart.IsDayAligned));
    }

    /// <summary>Builds one window's file from <paramref name="real"/> and returns its padding keys (every key that is not real).</summary>
    private static List<DiagnosisKey> PaddingOf(DiagnosisKey[] real)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signing = new ExportSigningKey(new SignatureInfo("000", "v1"), ecdsa);
        var result = ExportBuilder.Build(ExportSeries.Period, s_windowEnd.AddHours(-1), s_windowEnd, real, [], signing, s_options, TestContext.Current.CancellationToken);
        var keys = ExportFileReader.Read(Assert.Single(result.Files).Content).Batch.Keys;
        var realKeys = real.Select(k => k.Key.ToBase64()).ToHashSet();
        var padding = keys.Where(k => !realKeys.Contains(k.Key.ToBase64())).ToList();
        Assert.Equal(s_options.MinimumBatchSize - real.Length, padding.Count);
        return padding;
    }

    private static DiagnosisKey Real(int ageDays, int risk, ReportType type, int daysSinceOnset) =>
        new(TemporaryExposureKey.Generate(), new KeyValidity(new EnIntervalNumber((s_endDay - ageDays) * EnIntervalNumber.IntervalsPerDay), EnIntervalNumber.IntervalsPerDay), risk, type, daysSinceOnset);

    /// <summary>Pearson's chi-square of two samples over their shared categories, and its critical value at p = 1e-6.</summary>
    private static (double Statistic, double Critical) TwoSampleChiSquare(IEnumerable<int> first, IEnumerable<int> second)
    {
        var a = first.CountBy(v => v).ToDictionary();
        var b = second.CountBy(v => v).ToDictionary();
        double n = a.Values.Sum(), m = b.Values.Sum();
        var statistic = 0.0;
        var categories = a.Keys.Union(b.Keys).ToList();
        foreach (var category in categories)
        {
            double x = a.GetValueOrDefault(category), y = b.GetValueOrDefault(category);
            var difference = (x * Math.Sqrt(m / n)) - (y * Math.Sqrt(n / m));
            statistic += difference * difference / (x + y);
        }
        return (statistic, Critical(Math.Max(1, categories.Count - 1)));
    }

    private static void AssertFits(IEnumerable<int> sample, Dictionary<int, double> expected)
    {
        var counts = sample.CountBy(v => v).ToDictionary();
        Assert.Subset(expected.Keys.ToHashSet(), counts.Keys.ToHashSet());
        double n = counts.Values.Sum();
        var statistic = expected.Sum(e =>
        {
            var difference = counts.GetValueOrDefault(e.Key) - (n * e.Value);
            return difference * difference / (n * e.Value);
        });
        var critical = Critical(expected.Count - 1);
        Assert.True(statistic < critical, $"chi-square {statistic:F1} ≥ {critical:F1} against the published distribution");
    }

    /// <summary>The chi-square quantile for p = 1e-6 by the Wilson–Hilferty approximation.</summary>
    private static double Critical(int degrees)
    {
        var h = 2.0 / (9 * degrees);
        return degrees * Math.Pow(1 - h + (OneInAMillion * Math.Sqrt(h)), 3);
    }
}
