using System.CommandLine;
using Gardefou.Bench;

namespace Gardefou.Cli.Commands.Bench;

/// <summary><c>gardefou bench registry</c>: its options; the benchmark itself is <see cref="RegistryBench"/> (benchmarks/Gardefou.Bench).</summary>
internal static class RegistryBenchCommand
{
    public static Command Create()
    {
        var sites = new Option<int>("--sites") { Description = "Number of demo sites", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Near-me queries to time", DefaultValueFactory = _ => 20_000 };
        var seconds = new Option<int>("--seconds") { Description = "Duration of the update run (30 s holds one national rebuild, as production does)", DefaultValueFactory = _ => 30 };
        var radius = new Option<double>("--radius-km") { Description = "Search radius", DefaultValueFactory = _ => 10 };
        var writers = new Option<int>("--writers") { Description = "Sites posting at once during the update run", DefaultValueFactory = _ => 64 };
        var flushMs = new Option<int>("--flush-ms") { Description = "Tile flush interval (Registry:PublishDebounce)", DefaultValueFactory = _ => 2000 };
        var command = new Command("registry", "Registry: load time, near-me query latency, update throughput, static rebuild time")
        {
            sites, queries, seconds, radius, writers, flushMs,
        };
        command.SetAction((r, ct) => RegistryBench.RunAsync(r.GetValue(sites), r.GetValue(queries), r.GetValue(seconds), r.GetValue(radius),
            r.GetValue(writers), r.GetValue(flushMs), ct));
        return command;
    }
}
