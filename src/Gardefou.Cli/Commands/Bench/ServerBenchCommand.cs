using System.CommandLine;
using Gardefou.Bench;

namespace Gardefou.Cli.Commands.Bench;

/// <summary><c>gardefou bench server</c>: its options; the benchmark itself is <see cref="ServerBench"/> (benchmarks/Gardefou.Bench).</summary>
internal static class ServerBenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "Length of the timed publish phase", DefaultValueFactory = _ => 10 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients", DefaultValueFactory = _ => 16 };
        var uploads = new Option<int>("--uploads") { Description = "Certificates issued before the timed phase (the phase ends early when they run out)", DefaultValueFactory = _ => 12_000 };
        var exportKeys = new Option<int>("--export-keys") { Description = "Keys in the export build measurement", DefaultValueFactory = _ => 1_000_000 };
        var external = new Option<bool>("--external") { Description = "Also publish to `gardefou serve` started as a separate process (kept-alive connections, then a connection per publish), printed beside the in-process figures" };
        var command = new Command("server", "Server: authorized publishes per second, p50/p99, keys lost, 1M-key export build time") { seconds, clients, uploads, exportKeys, external };
        command.SetAction((r, ct) => ServerBench.RunAsync(r.GetValue(seconds), r.GetValue(clients), r.GetValue(uploads), r.GetValue(exportKeys), r.GetValue(external), SelfLauncher.Current(), ct));
        return command;
    }
}
