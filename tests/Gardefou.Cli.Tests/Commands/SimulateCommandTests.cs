using System.Text.Json;
using Gardefou.Cli.Commands;

namespace Gardefou.Cli.Tests.Commands;

// The `simulate` command's output folder is a contract (issue: report.html, PNG plots and results.json with, per
// scenario and seed, adoption, design, seed, infections, deaths, notifications, falseAlerts and the privacy figures).
public sealed class SimulateCommandTests : IDisposable
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _dir = Directory.CreateTempSubdirectory("gardefou-simulate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<int> Simulate(params string[] arguments) =>
        SimulateCommand.Create().Parse([.. arguments, "--out", _dir]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_small_town_gets_a_self_contained_report_plots_and_one_result_per_scenario_and_seed()
    {
        var exit = await Simulate("--place", "Vitré", "--population", "2000", "--days", "30", "--adoption", "0,0.5", "--seeds", "2", "--design", "gaen,robert");

        Assert.Equal(0, exit);
        var pngs = Directory.GetFiles(_dir, "*.png");
        Assert.NotEmpty(pngs);
        Assert.All(pngs, png => Assert.Equal(s_pngSignature, File.ReadAllBytes(png).Take(8)));

        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_dir, "results.json"), TestContext.Current.CancellationToken));
        var grid = json.RootElement.GetProperty("runs").EnumerateArray().Where(r => r.GetProperty("group").GetString() == "grid").ToList();
        var combinations = grid.Select(r => (r.GetProperty("adoption").GetDouble(), r.GetProperty("design").GetString(), r.GetProperty("seed").GetInt32())).ToList();
        Assert.Equal(8, combinations.Distinct().Count());
        Assert.Equal(
            [(0.0, "gaen"), (0.0, "robert"), (0.5, "gaen"), (0.5, "robert")],
            combinations.Select(c => (c.Item1, c.Item2)).Distinct().Order());
        foreach (var run in grid)
        {
            foreach (var field in new[] { "infections", "deaths", "notifications", "falseAlerts" })
            {
                Assert.True(run.GetProperty(field).GetDouble() >= 0, field);
            }
            Assert.NotEmpty(run.GetProperty("privacy").EnumerateObject());
        }
        // The epidemic took place, and the app notified someone when half the town used it.
        Assert.All(grid, r => Assert.True(r.GetProperty("infections").GetInt32() > 0));
        Assert.Contains(grid, r => r.GetProperty("adoption").GetDouble() == 0.5 && r.GetProperty("notifications").GetInt32() > 0);
        Assert.All(grid.Where(r => r.GetProperty("adoption").GetDouble() == 0), r => Assert.Equal(0, r.GetProperty("notifications").GetInt32()));
    }

    [Theory]
    [InlineData("--place", "Nowhereville")]
    [InlineData("--place", "Vitré", "--design", "carrier-pigeon")]
    [InlineData("--place", "Vitré", "--adoption", "0,abc")]
    [InlineData("--place", "Vitré", "--adoption", "0,1.5")]
    [InlineData("--place", "Vitré", "--seeds", "0")]
    [InlineData("--place", "Vitré", "--server", "http://127.0.0.1:1")]
    [InlineData("--place", "Vitré", "--population", "1000", "--initial-infected", "5000")]
    [InlineData("--place", "Vitré", "--isolation", "1.5")]
    [InlineData("--place", "Vitré", "--manual-tracing", "maybe")]
    [InlineData("--place", "Vitré", "--r0", "-1")]
    [InlineData("--place", "Vitré", "--notification-rule", "telepathy")]
    [InlineData("--place", "Vitré", "--risk-preset", "atlantis")]
    public async Task Bad_arguments_exit_2_without_results(params string[] arguments)
    {
        Assert.Equal(2, await Simulate(arguments));
        Assert.False(File.Exists(Path.Combine(_dir, "results.json")));
    }

    [Theory]
    [InlineData("{\"seeds\": 2, \"unknownField\": 1}")]
    [InlineData("{\"seeds\": ")]
    [InlineData("[1, 2, 3]")]
    public async Task A_bad_scenario_file_exits_2(string content)
    {
        var file = Path.Combine(_dir, "scenario.json");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);

        Assert.Equal(2, await Simulate("--scenario", file));
        Assert.False(File.Exists(Path.Combine(_dir, "results.json")));
    }

    [Fact]
    public async Task A_dying_epidemic_is_reported_as_such_in_plain_words_and_no_published_figure_is_shown()
    {
        var exit = await Simulate("--place", "Vitré", "--population", "3000", "--days", "40", "--adoption", "0,0.5", "--seeds", "2",
            "--r0", "0.3", "--initial-infected", "5");

        Assert.Equal(0, exit);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("The epidemic died out", html, StringComparison.Ordinal);
        Assert.Contains("too few infections to measure the app&#39;s effect", html, StringComparison.Ordinal);
        Assert.Contains("Not shown: the epidemic died out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Wymant", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intervention_levers_given_on_the_command_line_reach_the_scenario_and_the_report_opens_with_a_summary()
    {
        var exit = await Simulate("--place", "Vitré", "--population", "4000", "--days", "60", "--adoption", "0,0.5", "--seeds", "1",
            "--r0", "2.6", "--initial-infected", "40", "--isolation", "0.5", "--tests-per-1000", "8", "--turnaround", "1",
            "--household-quarantine", "off", "--manual-tracing", "off", "--quarantine-compliance", "0.7", "--notified-compliance", "0.9", "--test-seeking", "0.6");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_dir, "results.json"), TestContext.Current.CancellationToken));
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.Equal(2.6, parameters.GetProperty("disease").GetProperty("r0").GetDouble());
        Assert.Equal(40, parameters.GetProperty("disease").GetProperty("initialInfected").GetInt32());
        var iv = parameters.GetProperty("interventions");
        Assert.Equal(0.5, iv.GetProperty("selfIsolationCompliance").GetDouble());
        Assert.Equal(8, iv.GetProperty("testsPerThousandPerDay").GetDouble());
        Assert.Equal(1, iv.GetProperty("testTurnaroundDays").GetInt32());
        Assert.False(iv.GetProperty("householdQuarantine").GetBoolean());
        Assert.False(iv.GetProperty("manualTracing").GetBoolean());
        Assert.Equal(0.7, iv.GetProperty("quarantineCompliance").GetDouble());
        Assert.Equal(0.6, iv.GetProperty("testSeeking").GetDouble());
        Assert.Equal(0.9, parameters.GetProperty("app").GetProperty("notifiedCompliance").GetDouble());
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"), TestContext.Current.CancellationToken);
        var summary = html.IndexOf("What this study found", StringComparison.Ordinal);
        Assert.True(summary > 0 && summary < html.IndexOf("<table", StringComparison.Ordinal), "the summary comes before any table");
        Assert.Contains("Without the app", html, StringComparison.Ordinal);
        Assert.Contains("Glossary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/work/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("../", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notification_rules_given_on_the_command_line_reach_the_scenario_and_the_report_plots_their_trade_off()
    {
        var exit = await Simulate("--place", "Vitré", "--population", "3000", "--days", "40", "--adoption", "0,0.5", "--seeds", "1",
            "--r0", "2.5", "--initial-infected", "20", "--notification-rule", "any-contact,gaen,manual-recall", "--risk-preset", "swisscovid");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_dir, "results.json"), TestContext.Current.CancellationToken));
        var app = json.RootElement.GetProperty("parameters").GetProperty("app");
        Assert.Equal(49, app.GetProperty("risk").GetProperty("immediateThresholdDb").GetInt32());
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        // The first rule is the scenario's own (the grid); the others are run at the grid's non-zero adoption.
        Assert.All(runs.Where(r => r.GetProperty("group").GetString() == "grid"), r => Assert.Equal("any-contact", r.GetProperty("notificationRule").GetString()));
        Assert.Equal(["gaen", "manual-recall"], runs.Where(r => r.GetProperty("group").GetString() == "rules").Select(r => r.GetProperty("notificationRule").GetString()).Order());
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("alt=\"notification-rules.png\"", html, StringComparison.Ordinal);
    }
}
