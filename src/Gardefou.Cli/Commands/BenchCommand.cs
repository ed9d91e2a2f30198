using System.CommandLine;
using Gardefou.Cli.Commands.Bench;

namespace Gardefou.Cli.Commands;

/// <summary>
/// <c>gardefou bench …</c>: measured figures for each hot path, each beside a baseline run in the same process. The
/// commands only read their options; the benchmarks live in benchmarks/Gardefou.Bench.
/// </summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks that print figures beside a baseline measured in the same run")
    {
        // One line per benchmark: XBenchCommand.Create(),
        MatchingBenchCommand.Create(),
        RegistryBenchCommand.Create(),
        SimulateBenchCommand.Create(),
        ServerBenchCommand.Create(),
        PhoneBenchCommand.Create(),
    };
}
