using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Scenarios;

/// <summary>Runs a <see cref="ScenarioPlan"/>: one population per seed, shared by all runs of that seed.</summary>
public static class ScenarioRunner
{
    /// <summary>Number of runs the plan needs.</summary>
    public static int CountRuns(ScenarioPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var grid = plan.Adoption.Count(a => a == 0) + plan.Adoption.Count(a => a > 0) * plan.Designs.Count;
        var sweeps = plan.Sweeps.Adoption.Count + plan.Sweeps.TestsPerThousandPerDay.Count + plan.Sweeps.TestTurnaroundDays.Count + plan.Sweeps.NotifiedCompliance.Count;
        var rules = OtherRules(plan).Count * plan.Adoption.Count(a => a > 0);
        return plan.Seeds * (grid + (plan.Levers ? 3 : 0) + sweeps + rules);
    }

    /// <summary>The rules of <see cref="SweepPlan.NotificationRules"/> other than the base one (whose runs are the grid's).</summary>
    public static IReadOnlyList<NotificationRule> OtherRules(ScenarioPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Sweeps.NotificationRules.Distinct().Where(r => r != plan.Base.App.Rule).ToList();
    }

    /// <summary>The report's name of a rule (also the command-line spelling).</summary>
    public static string RuleName(NotificationRule rule) => rule switch
    {
        NotificationRule.AnyContact => "any-contact",
        NotificationRule.ManualRecall => "manual-recall",
        _ => "gaen",
    };

    /// <summary>The adoption at which the levers are compared (median of the grid).</summary>
    public static double LeverAdoption(ScenarioPlan plan) => plan.Adoption.Order().ElementAt(plan.Adoption.Count / 2);

    /// <summary>Runs everything; <paramref name="onRun"/> is called after each run with a short description.</summary>
    public static IReadOnlyList<RunRecord> Run(ScenarioPlan plan, Action<string>? onRun = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var records = new List<RunRecord>();
        var communes = PlaceSelection.Resolve(CommuneCatalog.France, plan.Base.Population, plan.Base.Seed);
        for (var s = 0; s < plan.Seeds; s++)
        {
            var seed = plan.Base.Seed + (ulong)s;
            var pop = PopulationBuilder.Build(communes, plan.Base.Population, seed);
            RunResult Go(SimulationParameters p, string label)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = new Simulator(p with { Seed = seed }, pop).Run(cancellationToken: cancellationToken);
                onRun?.Invoke($"seed {seed}: {label}");
                return result;
            }
            SimulationParameters With(double adoption, Design design) =>
                plan.Base with { App = plan.Base.App with { Adoption = adoption, Design = design } };

            RunResult? noApp = null;
            foreach (var adoption in plan.Adoption)
            {
                foreach (var design in plan.Designs)
                {
                    if (adoption == 0)
                    {
                        // Without users the design changes nothing: one run stands for every design.
                        noApp ??= Go(With(0, design), "no app");
                        records.Add(new RunRecord("grid", "adoption", 0, noApp with { Design = design }));
                        continue;
                    }
                    records.Add(new RunRecord("grid", "adoption", adoption, Go(With(adoption, design), $"{design} at {adoption:P0}")));
                }
            }
            var first = plan.Designs[0];
            if (plan.Levers)
            {
                var a = LeverAdoption(plan);
                var baseline = With(a, first);
                records.Add(new RunRecord("lever", "+10 points of adoption", a, Go(With(Math.Min(1, a + 0.1), first), "+10 points of adoption")));
                records.Add(new RunRecord("lever", "+10% test capacity", a, Go(baseline with
                {
                    Interventions = baseline.Interventions with { TestsPerThousandPerDay = baseline.Interventions.TestsPerThousandPerDay * 1.1 },
                }, "+10% tests")));
                records.Add(new RunRecord("lever", "results one day faster", a, Go(baseline with
                {
                    Interventions = baseline.Interventions with { TestTurnaroundDays = Math.Max(0, baseline.Interventions.TestTurnaroundDays - 1) },
                }, "one day faster")));
            }
            var sweeps = plan.Sweeps;
            var b = With(plan.Base.App.Adoption, first);
            foreach (var v in sweeps.Adoption)
            {
                records.Add(new RunRecord("sweep", "adoption", v, Go(With(v, first), $"sweep adoption {v}")));
            }
            foreach (var v in sweeps.TestsPerThousandPerDay)
            {
                records.Add(new RunRecord("sweep", "tests per 1,000 per day", v, Go(b with { Interventions = b.Interventions with { TestsPerThousandPerDay = v } }, $"sweep tests {v}")));
            }
            foreach (var v in sweeps.TestTurnaroundDays)
            {
                records.Add(new RunRecord("sweep", "turnaround (days)", v, Go(b with { Interventions = b.Interventions with { TestTurnaroundDays = v } }, $"sweep turnaround {v}")));
            }
            foreach (var v in sweeps.NotifiedCompliance)
            {
                records.Add(new RunRecord("sweep", "notified compliance", v, Go(b with { App = b.App with { NotifiedCompliance = v } }, $"sweep compliance {v}")));
            }
            foreach (var rule in OtherRules(plan))
            {
                foreach (var adoption in plan.Adoption.Where(a => a > 0))
                {
                    var p = With(adoption, first);
                    records.Add(new RunRecord("rules", RuleName(rule), adoption, Go(p with { App = p.App with { Rule = rule } }, $"{RuleName(rule)} at {adoption:P0}")));
                }
            }
        }
        return records;
    }
}
