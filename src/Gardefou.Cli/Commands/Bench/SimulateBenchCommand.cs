using System.CommandLine;
using Gardefou.Bench;

namespace Gardefou.Cli.Commands.Bench;

/// <summary><c>gardefou bench simulate</c>: its options; the benchmark itself is <see cref="SimulateBench"/> (benchmarks/Gardefou.Bench).</summary>
internal static class SimulateBenchCommand
{
    public static Command Create()
    {
        var population = new Option<int>("--population") { Description = "People (whole communes sampled from France)", DefaultValueFactory = _ => 1_000_000 };
        var days = new Option<int>("--days") { Description = "Simulated days", DefaultValueFactory = _ => 200 };
        var adoption = new Option<double>("--adoption") { Description = "App adoption of the measured run", DefaultValueFactory = _ => 0.56 };
        var command = new Command("simulate", "Agent-based model: time, bytes per person and peak memory, beside the same run without the app")
        {
            population, days, adoption,
        };
        command.SetAction(r => SimulateBench.Run(r.GetValue(population), r.GetValue(days), r.GetValue(adoption), Console.Out, Console.Error));
        return command;
    }
}
