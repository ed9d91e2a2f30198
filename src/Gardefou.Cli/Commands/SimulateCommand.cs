using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Reports;
using Gardefou.Simulation.Scenarios;
using Spectre.Console;

namespace Gardefou.Cli.Commands;

/// <summary>
/// <c>gardefou simulate</c>: runs the evaluator over adoption levels, designs and seeds (or a JSON scenario file)
/// and writes report.html, PNG plots, results.json and CSV files.
/// </summary>
internal static partial class SimulateCommand
{
    private static readonly JsonSerializerOptions s_scenarioJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create()
    {
        var place = new Option<string[]>("--place") { Description = "Commune name, INSEE code or département code (repeatable); default all of France", AllowMultipleArgumentsPerToken = true };
        var population = new Option<int?>("--population") { Description = "Scale (named places) or sample (France) to this many people" };
        var days = new Option<int?>("--days") { Description = "Simulated days (default 200)" };
        var adoption = new Option<string?>("--adoption") { Description = "Comma-separated adoption levels, e.g. 0,0.12,0.3,0.56" };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per scenario (default 3)" };
        var design = new Option<string?>("--design") { Description = "Comma-separated designs: gaen,dp3t,robert,bluetrace,location" };
        var scenario = new Option<FileInfo?>("--scenario") { Description = "JSON scenario file (ScenarioPlan); command-line options override it" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var mode = new Option<string>("--mode") { Description = "fast (default), or end-to-end: every app user runs Gardefou.Device against a real server (<= 5,000 people, <= 14 days, GAEN)", DefaultValueFactory = _ => "fast" };
        mode.AcceptOnlyFromAmong("fast", "end-to-end");
        var server = new Option<string?>("--server") { Description = "End-to-end mode: use this running server instead of starting 'gardefou serve' (needs --api-key)" };
        var apiKey = new Option<string?>("--api-key") { Description = "End-to-end mode with --server: a lab API key of its verification role (gardefou admin create-api-key)" };
        var levers = new InterventionOptions();
        var command = new Command("simulate", "Agent-based evaluation of efficacy, false alerts and privacy leakage")
        {
            place, population, days, adoption, seeds, design, scenario, output, mode, server, apiKey,
        };
        levers.AddTo(command);
        command.SetAction(async (r, ct) =>
        {
            try
            {
                var plan = r.GetValue(scenario) is { } file ? Load(file) : new ScenarioPlan();
                plan = Override(plan, r.GetValue(place), r.GetValue(population), r.GetValue(days), r.GetValue(adoption), r.GetValue(seeds), r.GetValue(design));
                plan = levers.ApplyRules(r, plan with { Base = levers.Apply(r, plan.Base) });
                plan.Validate();
                if (r.GetValue(mode) == "end-to-end")
                {
                    return await RunEndToEndAsync(plan, r.GetValue(output)!, ParseServer(r.GetValue(server)), r.GetValue(apiKey), ct);
                }
                if (r.GetValue(server) is not null || r.GetValue(apiKey) is not null)
                {
                    throw new ArgumentException("--server and --api-key belong to --mode end-to-end");
                }
                return Run(plan, r.GetValue(output)!);
            }
            catch (Exception e) when (e is ArgumentException or JsonException or IOException or FormatException or UnauthorizedAccessException or OverflowException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static ScenarioPlan Load(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new ArgumentException($"scenario file not found: {file.FullName}");
        }
        using var stream = file.OpenRead();
        return JsonSerializer.Deserialize<ScenarioPlan>(stream, s_scenarioJson) ?? throw new ArgumentException("empty scenario file");
    }

    private static ScenarioPlan Override(ScenarioPlan plan, string[]? place, int? population, int? days, string? adoption, int? seeds, string? design)
    {
        var b = plan.Base;
        if (place is { Length: > 0 })
        {
            b = b with { Population = b.Population with { Places = place.SelectMany(p => p.Split(',')).ToList() } };
        }
        if (population is { } n)
        {
            b = b with { Population = b.Population with { Size = n } };
        }
        if (days is { } d)
        {
            b = b with { Days = d };
        }
        plan = plan with { Base = b };
        if (adoption is not null)
        {
            plan = plan with { Adoption = adoption.Split(',').Select(a => double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList() };
        }
        if (seeds is { } s)
        {
            plan = plan with { Seeds = s };
        }
        if (design is not null)
        {
            plan = plan with { Designs = design.Split(',').Select(ParseDesign).ToList() };
        }
        return plan;
    }

    private static Design ParseDesign(string text) => text.Trim().ToLowerInvariant() switch
    {
        "gaen" => Design.Gaen,
        "dp3t" or "dp-3t" => Design.Dp3t,
        "robert" => Design.Robert,
        "bluetrace" => Design.BlueTrace,
        "location" => Design.Location,
        _ => throw new ArgumentException($"unknown design '{text}' (gaen, dp3t, robert, bluetrace, location)"),
    };

    private static int Run(ScenarioPlan plan, DirectoryInfo output)
    {
        // Fail before hours of simulation if the output folder cannot be created.
        Directory.CreateDirectory(output.FullName);
        var total = ScenarioRunner.CountRuns(plan);
        var placeName = plan.Base.Population.Places.Count == 0 ? "France" : string.Join(", ", plan.Base.Population.Places);
        IReadOnlyList<RunRecord> records = [];
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"simulate {placeName}", maxValue: total);
                records = ScenarioRunner.Run(plan, label =>
                {
                    task.Description = Markup.Escape($"simulate {placeName}: {label}");
                    task.Increment(1);
                });
            });
        var files = ReportWriter.Write(output.FullName, plan, placeName, records);
        var findings = Findings.Of(plan, records);
        foreach (var warning in findings.Warnings)
        {
            Console.WriteLine($"warning: {warning}");
        }
        foreach (var sentence in findings.Summary)
        {
            Console.WriteLine(sentence);
        }
        foreach (var f in files)
        {
            Console.WriteLine(f);
        }
        return 0;
    }
}
