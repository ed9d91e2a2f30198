using System.Globalization;
using System.Text.Json;
using Gardefou.Simulation.EndToEnd;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Scenarios;
using Spectre.Console;

namespace Gardefou.Cli.Commands;

// `gardefou simulate --mode end-to-end`: each seed and adoption level of the plan run in the fast mode and end to end
// on the same population, with the counts of both modes printed side by side and written to end-to-end.json.
internal static partial class SimulateCommand
{
    private static readonly JsonSerializerOptions s_resultJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static async Task<int> RunEndToEndAsync(ScenarioPlan plan, DirectoryInfo output, Uri? serverUrl, string? apiKey, CancellationToken ct)
    {
        if (plan.Designs.Any(d => d != Simulation.Parameters.Design.Gaen))
        {
            throw new ArgumentException("the end-to-end mode runs the GAEN design only (--design gaen)");
        }
        if (serverUrl is not null && string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("--server needs --api-key (a lab key: gardefou admin create-api-key on that server)");
        }
        if (serverUrl is null && apiKey is not null)
        {
            throw new ArgumentException("--api-key goes with --server; without it a server is started with its own key");
        }
        var levels = plan.Adoption.Where(a => a > 0).Distinct().ToList();
        if (levels.Count == 0)
        {
            throw new ArgumentException("the end-to-end mode needs an adoption level above 0 (--adoption 0.6)");
        }
        var communes = PlaceSelection.Resolve(CommuneCatalog.France, plan.Base.Population, plan.Base.Seed);
        var people = communes.Sum(c => (long)c.Population);
        var expected = plan.Base.Population.Size is { } size ? size : people;
        if (expected > EndToEndRunner.MaxPeople)
        {
            throw new ArgumentException($"the end-to-end mode runs up to {EndToEndRunner.MaxPeople:N0} people: pass --population (the selection holds {people:N0})");
        }
        EndToEndRunner.Validate(plan.Base with { App = plan.Base.App with { Adoption = levels[0] } }, 0);
        Directory.CreateDirectory(output.FullName);

        var work = Path.Combine(Path.GetTempPath(), "gardefou-simulate-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await using var server = serverUrl is null
                ? await EndToEndServer.StartAsync(SelfLauncher.Current(), work, ct)
                : await EndToEndServer.ConnectAsync(serverUrl, apiKey!, http, ct);
            Console.WriteLine(server.OwnsProcess
                ? $"end-to-end: started gardefou serve at {server.BaseAddress} (SQLite in a temporary folder, export period 1 s)"
                : $"end-to-end: using the server at {server.BaseAddress}");
            var rows = new List<object>();
            for (var s = 0; s < plan.Seeds; s++)
            {
                var seed = plan.Base.Seed + (ulong)s;
                var population = PopulationBuilder.Build(communes, plan.Base.Population, seed);
                foreach (var adoption in levels)
                {
                    var parameters = plan.Base with { Seed = seed, App = plan.Base.App with { Adoption = adoption } };
                    EndToEndComparison? comparison = null;
                    await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                        .StartAsync(async ctx =>
                        {
                            var task = ctx.AddTask(Markup.Escape($"seed {seed}, adoption {adoption:P0}: phones, day"), maxValue: parameters.Days);
                            var progress = new Progress<int>(day => task.Value = day);
                            comparison = await Task.Run(() => EndToEndRunner.Compare(parameters, population, server, http, work, progress, ct), ct);
                        });
                    var d = comparison!.Devices;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"seed {seed}, adoption {adoption:P0}, {population.Count:N0} people x {parameters.Days} days: {comparison}"));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  phones: {d.Phones:N0} phones, {d.ScanInstances:N0} scan instances, {d.Reports} reports ({d.KeysPublished} keys), {d.Checks:N0} checks of {d.ExportsSeen} export files"));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  device time: {d.Elapsed.TotalSeconds:0.0} s (setup {d.SetupTime.TotalSeconds:0.0}, advertising {d.AdvertisingTime.TotalSeconds:0.0}, recording {d.RecordingTime.TotalSeconds:0.0}, reports {d.ReportsTime.TotalSeconds:0.0}, checks {d.ChecksTime.TotalSeconds:0.0})"));
                    rows.Add(new
                    {
                        seed,
                        adoption,
                        people = population.Count,
                        days = parameters.Days,
                        fast = new { uploads = comparison.Fast.Uploads, notifications = comparison.Fast.Notifications, falseAlerts = comparison.Fast.FalseAlerts, infections = comparison.Fast.Infections },
                        endToEnd = new { uploads = comparison.EndToEnd.Uploads, notifications = comparison.EndToEnd.Notifications, falseAlerts = comparison.EndToEnd.FalseAlerts, infections = comparison.EndToEnd.Infections },
                        notificationDifference = comparison.NotificationDifference,
                        notificationTolerance = Math.Round(comparison.NotificationTolerance, 2),
                        agrees = comparison.Agrees,
                        devices = new { d.Phones, d.ScanInstances, d.Reports, d.KeysPublished, d.Checks, d.FilesProcessed, d.ExportsSeen, d.NotificationsShown, seconds = Math.Round(d.Elapsed.TotalSeconds, 1) },
                    });
                }
            }
            var path = Path.Combine(output.FullName, "end-to-end.json");
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { mode = "end-to-end", server = server.OwnsProcess ? "child process" : server.BaseAddress.ToString(), runs = rows }, s_resultJson), ct);
            Console.WriteLine(path);
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or Device.PhoneException)
        {
            await Console.Error.WriteLineAsync($"error: end-to-end run failed: {e.Message}");
            return 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Uri? ParseServer(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
        : throw new ArgumentException($"--server must be an absolute http or https URL, not '{text}'");
}
