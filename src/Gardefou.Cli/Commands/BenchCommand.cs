using System.CommandLine;

namespace Gardefou.Cli.Commands;

/// <summary><c>gardefou bench …</c>: measured figures for each hot path, each beside a baseline run in the same process.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks that print figures beside a baseline measured in the same run")
    {
        // One line per benchmark: Bench.XBench.Create(),
        Bench.MatchingBench.Create(),
        Bench.RegistryBench.Create(),
        Bench.SimulateBench.Create(),
        Bench.ServerBench.Create(),
        Bench.PhoneBench.Create(),
    };
}
