using System.CommandLine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Scenarios;

namespace Gardefou.Cli.Commands;

internal static partial class SimulateCommand
{
    /// <summary>
    /// The epidemic's size and the main intervention levers as options of <c>simulate</c>; each overrides the scenario
    /// file's value (or the default in <see cref="SimulationParameters"/>) only when given.
    /// </summary>
    private sealed class InterventionOptions
    {
        private readonly Option<double?> _r0 = new("--r0") { Description = "Reproduction number before testing, isolation and tracing (default 1.8)" };
        private readonly Option<int?> _initialInfected = new("--initial-infected") { Description = "People infected on day 0 (default 100; at most the population)" };
        private readonly Option<double?> _isolation = new("--isolation") { Description = "Share of symptomatic people who self-isolate, 0..1 (default 0.8)" };
        private readonly Option<double?> _testSeeking = new("--test-seeking") { Description = "Share of self-isolating people who ask for a test, 0..1 (default 0.8)" };
        private readonly Option<double?> _tests = new("--tests-per-1000") { Description = "Tests available per 1,000 people per day (default 5)" };
        private readonly Option<int?> _turnaround = new("--turnaround") { Description = "Days from test to result (default 2)" };
        private readonly Option<string?> _household = new("--household-quarantine") { Description = "Quarantine the household of a positive case: on (default) or off" };
        private readonly Option<string?> _manual = new("--manual-tracing") { Description = "Manual tracing of positive cases' contacts: on (default) or off" };
        private readonly Option<double?> _quarantine = new("--quarantine-compliance") { Description = "Share of quarantine orders followed, 0..1 (default 0.8)" };
        private readonly Option<double?> _notified = new("--notified-compliance") { Description = "Share of app-notified people who quarantine, 0..1 (default 0.6)" };
        private readonly Option<string?> _rule = new("--notification-rule")
        {
            Description = "Whom an upload notifies: gaen (default: the GAEN risk score), any-contact (every heard contact) or manual-recall (contacts named by setting); "
                + "a comma-separated list also runs the others at every adoption and plots efficacy against false alerts",
        };
        private readonly Option<string?> _riskPreset = new("--risk-preset") { Description = "GAEN risk configuration: gardefou (default), nhs, cwa or swisscovid (as deployed; see docs/simulation.md)" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _r0, _initialInfected, _isolation, _testSeeking, _tests, _turnaround, _household, _manual, _quarantine, _notified, _rule, _riskPreset })
            {
                command.Options.Add(option);
            }
        }

        public SimulationParameters Apply(ParseResult r, SimulationParameters b)
        {
            var disease = b.Disease;
            var iv = b.Interventions;
            var app = b.App;
            if (r.GetValue(_r0) is { } r0)
            {
                disease = disease with { R0 = r0 };
            }
            if (r.GetValue(_initialInfected) is { } seeds)
            {
                disease = disease with { InitialInfected = seeds };
            }
            if (r.GetValue(_isolation) is { } isolation)
            {
                iv = iv with { SelfIsolationCompliance = Share(isolation, "--isolation") };
            }
            if (r.GetValue(_testSeeking) is { } seeking)
            {
                iv = iv with { TestSeeking = Share(seeking, "--test-seeking") };
            }
            if (r.GetValue(_tests) is { } tests)
            {
                iv = iv with { TestsPerThousandPerDay = tests };
            }
            if (r.GetValue(_turnaround) is { } turnaround)
            {
                iv = iv with { TestTurnaroundDays = turnaround };
            }
            if (r.GetValue(_household) is { } household)
            {
                iv = iv with { HouseholdQuarantine = OnOff(household, "--household-quarantine") };
            }
            if (r.GetValue(_manual) is { } manual)
            {
                iv = iv with { ManualTracing = OnOff(manual, "--manual-tracing") };
            }
            if (r.GetValue(_quarantine) is { } quarantine)
            {
                iv = iv with { QuarantineCompliance = Share(quarantine, "--quarantine-compliance") };
            }
            if (r.GetValue(_notified) is { } notified)
            {
                app = app with { NotifiedCompliance = Share(notified, "--notified-compliance") };
            }
            if (r.GetValue(_riskPreset) is { } preset)
            {
                app = app with { Risk = RiskPresets.Of(preset) };
            }
            if (Rules(r) is { Count: > 0 } rules)
            {
                app = app with { Rule = rules[0] };
            }
            return b with { Disease = disease, Interventions = iv, App = app };
        }

        /// <summary>With more than one <c>--notification-rule</c>, the others are swept at every adoption of the grid.</summary>
        public ScenarioPlan ApplyRules(ParseResult r, ScenarioPlan plan) =>
            Rules(r) is { Count: > 1 } rules ? plan with { Sweeps = plan.Sweeps with { NotificationRules = rules } } : plan;

        private List<NotificationRule>? Rules(ParseResult r) =>
            r.GetValue(_rule)?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseRule).ToList();

        private static NotificationRule ParseRule(string text) => text.Trim().ToLowerInvariant() switch
        {
            "gaen" => NotificationRule.Gaen,
            "any-contact" => NotificationRule.AnyContact,
            "manual-recall" => NotificationRule.ManualRecall,
            _ => throw new ArgumentException($"unknown notification rule '{text}' (gaen, any-contact, manual-recall)"),
        };

        // Checked here rather than by the parser so that a wrong value exits 2 like every other bad argument.
        private static bool OnOff(string value, string option) => value.Trim().ToLowerInvariant() switch
        {
            "on" => true,
            "off" => false,
            _ => throw new ArgumentException($"{option} takes on or off (got '{value}')"),
        };

        private static double Share(double value, string option) =>
            value is >= 0 and <= 1 ? value : throw new ArgumentException($"{option} must be between 0 and 1 (got {value})");
    }
}
