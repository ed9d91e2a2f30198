using System.CommandLine;
using System.Globalization;
using Gardefou.Bench;

namespace Gardefou.Cli.Commands.Bench;

/// <summary>
/// <c>gardefou bench matching</c>: its options; the benchmark itself is <see cref="MatchingBench"/> (benchmarks/Gardefou.Bench).
/// </summary>
internal static class MatchingBenchCommand
{
    public static Command Create()
    {
        var keys = PositiveOption("--keys", "Diagnosis keys to match", 100_000);
        var observed = PositiveOption("--observed", "Identifiers the phone observed (random ones plus planted ones)", 20_000);
        var naiveKeys = PositiveOption("--naive-keys", "Keys the slow naive baseline runs on (the first ones; its rate is per key)", 10_000);
        var repeat = PositiveOption("--repeat", "Timed runs of the matcher over all keys; the rate is over their total time", 5);
        var threads = PositiveOption("--threads", "Also time a parallel run on this many threads (1: single-threaded only)", 1);
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data", DefaultValueFactory = _ => 1 };
        var clock = new Option<string>("--clock")
        {
            Description = "What the figures divide by: cpu (this process's CPU time, right on a shared machine) or wall",
            DefaultValueFactory = _ => "cpu",
        };
        clock.AcceptOnlyFromAmong("cpu", "wall");
        var pin = new Option<string>("--pin")
        {
            Description = "auto (one CPU when --threads is 1), none, or a CPU number: pinning makes the figure one core's work",
            DefaultValueFactory = _ => "auto",
        };
        pin.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !CpuPinning.IsValid(result.Tokens[0].Value))
            {
                result.AddError("--pin must be auto, none or a CPU number.");
            }
        });
        var command = new Command("matching", "Match diagnosis keys against observed identifiers, beside a naive baseline")
        {
            keys, observed, naiveKeys, repeat, threads, seed, clock, pin,
        };
        command.SetAction(r => MatchingBench.Run(
            r.GetValue(keys), r.GetValue(observed), Math.Min(r.GetValue(naiveKeys), r.GetValue(keys)),
            r.GetValue(repeat), r.GetValue(threads), r.GetValue(seed), r.GetValue(clock) == "wall", Console.Out, Console.Error, r.GetValue(pin)!));
        return command;
    }

    private static Option<int> PositiveOption(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            // Read the token itself: a value that is not a number already has its own parse error.
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) && value < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }
}
