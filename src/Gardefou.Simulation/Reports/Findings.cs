using System.Globalization;
using Gardefou.Simulation.Scenarios;

namespace Gardefou.Simulation.Reports;

/// <summary>
/// What a study found, in plain words for a public-health official: the size of the epidemic without the app, what
/// each design achieved at the highest adoption, and warnings when the numbers cannot carry a conclusion (an
/// epidemic that died out, or differences within the noise between seeds).
/// </summary>
public sealed record Findings
{
    /// <summary>Below this share of the population infected without the app, the app's effect cannot be measured.</summary>
    public const double DyingAttackRate = 0.01;

    /// <summary>Plain-language sentences, most important first.</summary>
    public required IReadOnlyList<string> Summary { get; init; }

    /// <summary>Warnings that must be read before any number (empty when none applies).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>True when the epidemic without the app infected fewer than <see cref="DyingAttackRate"/> of the people.</summary>
    public required bool EpidemicDiedOut { get; init; }

    /// <summary>Reads the grid runs of a study.</summary>
    public static Findings Of(ScenarioPlan plan, IReadOnlyList<RunRecord> records)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(records);
        var summary = new List<string>();
        var warnings = new List<string>();
        var grid = records.Where(r => r.Group == "grid").ToList();
        var noApp = grid.Where(r => r.Result.Adoption == 0).GroupBy(r => r.Result.Seed).Select(g => g.First().Result).ToList();
        var people = grid.Count > 0 ? grid[0].Result.People : 0;
        var died = false;
        if (noApp.Count > 0)
        {
            var attack = Stats.Of(noApp.Select(r => 100 * r.AttackRate));
            var infections = Stats.Of(noApp.Select(r => (double)r.Infections));
            var deaths = Stats.Of(noApp.Select(r => (double)r.Deaths));
            died = attack.Mean < 100 * DyingAttackRate;
            summary.Add(Invariant($"Without the app, {infections.Mean:N0} of {people:N0} people ({attack.Mean:F1}%) are infected in {plan.Base.Days} days and {deaths.Mean:N0} die, with testing, isolation{(plan.Base.Interventions.ManualTracing ? ", manual tracing" : "")}{(plan.Base.Interventions.HouseholdQuarantine ? " and household quarantine" : "")} as configured (R0 {plan.Base.Disease.R0:0.##} before them)."));
            if (died)
            {
                warnings.Add(Invariant($"The epidemic died out: only {infections.Mean:N0} infections on average ({attack.Mean:F2}% of the people) without the app. There are too few infections to measure the app's effect, and every figure below says more about chance than about the app. Raise --r0 or --initial-infected, or weaken the other measures (see docs/simulation.md, \"Reading the report\")."));
            }
        }
        else
        {
            warnings.Add("No run without the app (adoption 0) was made, so infections averted cannot be computed: add 0 to --adoption.");
        }
        var top = grid.Select(r => r.Result.Adoption).DefaultIfEmpty(0).Max();
        if (top > 0 && noApp.Count > 0 && !died)
        {
            foreach (var design in grid.Where(r => r.Result.Adoption == top).GroupBy(r => r.Result.Design).OrderBy(g => g.Key))
            {
                var averted = Stats.Of(design.Select(r => 100 * ReportWriter.Averted(r, records) / Math.Max(1, ReportWriter.NoApp(r, records))));
                var alerts = Stats.Of(design.Select(r => (double)r.Result.Notifications));
                var wrong = Stats.Of(design.Select(r => r.Result.Notifications == 0 ? 0 : 100.0 * r.Result.NotifiedNotInfected / r.Result.Notifications));
                var name = ReportWriter.DesignName(design.Key);
                if (averted.Count > 1 && Math.Abs(averted.Mean) <= averted.HalfWidth)
                {
                    var perSeed = design.Select(r => 100 * ReportWriter.Averted(r, records) / Math.Max(1, ReportWriter.NoApp(r, records))).ToList();
                    summary.Add(Invariant($"With {100 * top:0}% of the population using {name}, infections averted ({averted.Mean:F1}% on average, {perSeed.Min():F1}% to {perSeed.Max():F1}% across seeds) are within the noise between seeds (95% interval ± {averted.HalfWidth:F1} points): this study cannot yet say how much the app helps. {alerts.Mean:N0} people were notified, {wrong.Mean:F0}% of them not infected."));
                    warnings.Add(Invariant($"{name} at {100 * top:0}%: the difference from no app is within noise; run more seeds (--seeds) or a larger population before drawing a conclusion."));
                }
                else
                {
                    var verb = averted.Mean >= 0 ? "averts" : "adds";
                    summary.Add(Invariant($"With {100 * top:0}% of the population using {name}, the app {verb} {Math.Abs(averted.Mean):F1}% of infections (95% interval ± {averted.HalfWidth:F1} points over {averted.Count} seeds); {alerts.Mean:N0} people are notified, {wrong.Mean:F0}% of whom were not infected."));
                }
            }
            var levels = grid.Where(r => r.Result.Adoption > 0 && r.Result.Design == plan.Designs[0]).GroupBy(r => r.Result.Adoption).OrderBy(g => g.Key)
                .Select(g => Invariant($"{100 * g.Key:0}%: {Stats.Of(g.Select(r => 100 * ReportWriter.Averted(r, records) / Math.Max(1, ReportWriter.NoApp(r, records)))).Mean:F1}%")).ToList();
            if (levels.Count > 1)
            {
                summary.Add($"Infections averted by adoption ({ReportWriter.DesignName(plan.Designs[0])}): {string.Join(", ", levels)}.");
            }
        }
        if (records.Any(r => r.Group == "lever") && !died)
        {
            var best = ReportWriter.LeverEffects(plan, records).OrderByDescending(l => l.Averted.Mean).FirstOrDefault();
            if (best.Lever is not null)
            {
                summary.Add(Invariant($"Of the three levers tried from {100 * ScenarioRunner.LeverAdoption(plan):0}% adoption, \"{best.Lever}\" averts the most infections ({best.Averted.Format("F0")})."));
            }
        }
        return new Findings { Summary = summary, Warnings = warnings, EpidemicDiedOut = died };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
