using System.Diagnostics;
using Gardefou.Keys.Storage;
using Gardefou.Server;
using Gardefou.Simulation.EndToEnd;
using Gardefou.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Gardefou.Bench;

/// <summary>
/// <c>gardefou bench server</c>: starts the real host (keys + verification, SQLite in a temporary directory) on
/// loopback, pre-issues certificates through the real verification API (timed separately), then drives
/// <c>/v1/publish</c> with concurrent clients for a bounded time (14 keys and a fresh certificate per publish) and
/// prints publishes per second, p50/p99 latency and keys lost, beside a <c>/health/live</c> round trip measured in
/// the same run; then the time to build and sign an export of 1,000,000 keys beside naive baselines.
/// </summary>
public static partial class ServerBench
{
    private const int KeysPerUpload = 14;

    /// <summary>
    /// Runs the measurements and prints one table. With <paramref name="external"/>, also publishes to
    /// <c>gardefou serve</c> started through <paramref name="launcher"/>. Returns 0, or 2 with an <c>error:</c> line on
    /// stderr when a value is out of range.
    /// </summary>
    public static async Task<int> RunAsync(int seconds, int clients, int uploadCount, int exportKeys, bool external, GardefouLauncher launcher, CancellationToken ct)
    {
        if (seconds is < 1 or > 600 || clients is < 1 or > 512 || uploadCount is < 10 or > 200_000 || exportKeys is < 1 or > 5_000_000)
        {
            await Console.Error.WriteLineAsync("error: 1 ≤ --seconds ≤ 600, 1 ≤ --clients ≤ 512, 10 ≤ --uploads ≤ 200000, 1 ≤ --export-keys ≤ 5000000.");
            return 2;
        }
        var data = Directory.CreateTempSubdirectory("gardefou-bench-server-");
        try
        {
            var options = new GardefouHostOptions
            {
                DataDirectory = data.FullName,
                Urls = "http://127.0.0.1:0",
                Roles = GardefouRoles.Keys | GardefouRoles.Verification,
                ConsoleLogging = false,
                ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
                // The export worker stays out of the timed phase; the export is measured on its own below.
                ExportPeriod = TimeSpan.FromDays(1),
            };
            options.Configuration["Hosting:RateLimit:PermitsPerSecond"] = "0";
            options.Configuration["Verification:VerifyRequestsPerMinute"] = "100000";
            options.Configuration["Keys:DailyExports"] = "false";
            await using var host = await GardefouHost.StartAsync(options, ct);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = host.BaseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };
            var apiKey = (await host.Services.CreateApiKeyAsync("demo", "bench", ct)).Key;
            AnsiConsole.MarkupLine($"Host on [bold]{host.BaseAddress}[/] (keys + verification, SQLite in {data.FullName}); {Environment.ProcessorCount} cores shared by server and clients.");

            var table = new Table().AddColumns("measure", "value", "baseline (same run)", "target");
            var prepared = await PrepareAsync(http, apiKey, uploadCount, clients, table, ct);
            var baseline = await HealthBaselineAsync(http, clients, Math.Min(3, seconds), ct);
            var writer = host.Services.GetRequiredService<UploadWriter>();
            var (transactions, grouped) = (writer.Transactions, writer.StoredUploads);
            var result = await PublishPhaseAsync(http, prepared, clients, TimeSpan.FromSeconds(seconds), ct);
            (transactions, grouped) = (writer.Transactions - transactions, writer.StoredUploads - grouped);

            await using (var scope = host.Services.CreateAsyncScope())
            {
                var stored = await scope.ServiceProvider.GetRequiredService<KeysDbContext>().DiagnosisKeys.CountAsync(ct);
                var lost = ((long)result.Succeeded * KeysPerUpload) - stored;
                table.AddRow("authorized publishes / s", $"{result.Succeeded / result.Elapsed.TotalSeconds:N0} ({result.Succeeded:N0} in {result.Elapsed.TotalSeconds:F1} s, {result.Failed} failed)", $"{baseline.PerSecond:N0} /health/live round trips / s", "≥ 1,000");
                table.AddRow("publish latency p50 / p99", $"{result.P50:F2} ms / {result.P99:F2} ms", $"{baseline.P50:F2} ms / {baseline.P99:F2} ms (/health/live, {baseline.Failed} failed)", "p99 ≤ 100 ms");
                table.AddRow(
                    "CPU per publish (server + clients, one process)",
                    $"{result.Cpu.TotalMilliseconds / Math.Max(1, result.Succeeded + result.Failed):F3} ms ({result.Cpu.TotalSeconds:F1} s CPU over {result.Elapsed.TotalSeconds:F1} s)",
                    $"{baseline.Cpu.TotalMilliseconds / Math.Max(1, baseline.Requests):F3} ms per /health/live",
                    "-");
                table.AddRow("uploads per commit (group commit)", $"{grouped / (double)Math.Max(1, transactions):F1} ({grouped:N0} uploads in {transactions:N0} transactions, SQLite synchronous=FULL)", "-", "-");
                table.AddRow("keys lost", $"{lost} ({stored:N0} rows for {result.Succeeded:N0} × {KeysPerUpload} keys)", "-", "0");
            }
            if (external)
            {
                // The in-process host is stopped first, so that the external server has the cores the in-process one had.
                await host.StopAsync(ct);
                await ExternalAsync(launcher, seconds, clients, uploadCount, result, table, ct);
            }
            await ExportAsync(exportKeys, data.FullName, table, ct);
            AnsiConsole.Write(table);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static (double P50, double P99) Percentiles(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return (double.NaN, double.NaN);
        }
        milliseconds.Sort();
        return (milliseconds[(int)(milliseconds.Count * 0.50)], milliseconds[Math.Min(milliseconds.Count - 1, (int)(milliseconds.Count * 0.99))]);
    }

    private static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
