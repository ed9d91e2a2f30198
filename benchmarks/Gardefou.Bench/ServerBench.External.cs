using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gardefou.Simulation.EndToEnd;
using Spectre.Console;

namespace Gardefou.Bench;

/// <summary>
/// <c>--external</c>: the same publishes against <c>gardefou serve</c> started as a separate process, driven from this
/// process over loopback TCP, once over kept-alive connections and once with a new connection per publish (as a
/// simple script would), with the CPU time of the server process and of the clients counted apart. Printed beside the
/// in-process figures of the same run, so the gap between the two can be read off: server work, client work, or
/// connection handling.
/// </summary>
public static partial class ServerBench
{
    private sealed record ExternalPhase(string Name, PhaseResult Result, TimeSpan ServerCpu);

    private static async Task ExternalAsync(GardefouLauncher launcher, int seconds, int clients, int uploadCount, PhaseResult inProcess, Table table, CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("gardefou-bench-external-");
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var server = StartGardefou(
            launcher,
            ["serve", "--data", data.FullName, "--urls", baseAddress.ToString().TrimEnd('/'), "--roles", "keys,verification", "--demo-registry", "0",
             "--export-period", "1.00:00:00", "--Keys:DailyExports=false", "--Hosting:RateLimit:PermitsPerSecond=0", "--Verification:VerifyRequestsPerMinute=100000"]);
        try
        {
            using var keepAlive = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = baseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };
            await WaitReadyAsync(keepAlive, server, ct);
            using var admin = StartGardefou(launcher, ["admin", "create-api-key", "--data", data.FullName, "--name", "bench"]);
            var apiKey = (await admin.StandardOutput.ReadToEndAsync(ct)).Trim().Split('\n')[^1].Trim();
            await admin.WaitForExitAsync(ct);

            var prepared = await PrepareAsync(keepAlive, apiKey, uploadCount, clients, table, ct, "external process");
            var half = new ConcurrentQueue<byte[]>(prepared.Take(prepared.Count / 2));
            var rest = new ConcurrentQueue<byte[]>(prepared.Skip(prepared.Count / 2));
            var phases = new List<ExternalPhase>();
            var cpu = ServerCpu(server);
            phases.Add(new("kept-alive connections", await PublishPhaseAsync(keepAlive, half, clients, TimeSpan.FromSeconds(seconds), ct), ServerCpu(server) - cpu));
            // A new TCP connection for every publish: what a client without a connection pool costs the server.
            using var perPublish = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            cpu = ServerCpu(server);
            phases.Add(new("a connection per publish", await PublishPhaseAsync(perPublish, rest, clients, TimeSpan.FromSeconds(seconds), ct), ServerCpu(server) - cpu));

            table.AddRow(
                "[bold]same publishes, server in another process[/]",
                $"in-process (above): {inProcess.Succeeded / inProcess.Elapsed.TotalSeconds:N0} / s, p50/p99 {inProcess.P50:F2}/{inProcess.P99:F2} ms, {PerPublish(inProcess.Cpu, inProcess):F3} ms CPU (server + clients)",
                "-",
                "-");
            foreach (var phase in phases)
            {
                var r = phase.Result;
                table.AddRow(
                    $"external, {phase.Name}",
                    $"{r.Succeeded / r.Elapsed.TotalSeconds:N0} / s ({r.Succeeded:N0} in {r.Elapsed.TotalSeconds:F1} s, {r.Failed} failed), p50/p99 {r.P50:F2}/{r.P99:F2} ms",
                    $"CPU per publish: server {PerPublish(phase.ServerCpu, r):F3} ms + clients {PerPublish(r.Cpu, r):F3} ms",
                    "-");
            }
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
                await server.WaitForExitAsync(CancellationToken.None);
            }
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static double PerPublish(TimeSpan cpu, PhaseResult result) => cpu.TotalMilliseconds / Math.Max(1, result.Succeeded + result.Failed);

    /// <summary>This very command in a child process, its output and errors redirected.</summary>
    private static Process StartGardefou(GardefouLauncher launcher, IEnumerable<string> arguments)
    {
        var start = ChildProcess.StartInfo(launcher, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        // The server's own console (start-up lines, warnings) is drained and dropped so it never blocks on a full pipe.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process server, CancellationToken ct)
    {
        server.OutputDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"gardefou serve exited with {server.ExitCode} before it was ready");
            }
            try
            {
                using var ready = await http.GetAsync("/health/ready", ct);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException("gardefou serve was not ready within two minutes");
    }

    private static TimeSpan ServerCpu(Process server)
    {
        server.Refresh();
        return server.TotalProcessorTime;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
