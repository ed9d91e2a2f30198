using System.CommandLine;
using Gardefou.Bench;

namespace Gardefou.Cli.Commands.Bench;

/// <summary>
/// <c>gardefou bench phone</c>: its options; the benchmark itself is <see cref="PhoneBench"/> (benchmarks/Gardefou.Bench),
/// which runs this command again with the hidden options for each measurement (<see cref="PhoneBenchChild"/>).
/// </summary>
internal static class PhoneBenchCommand
{
    public static Command Create()
    {
        var keys = new Option<int>("--keys") { Description = "Diagnosis keys in the export file", DefaultValueFactory = _ => 500_000 };
        var identifiers = new Option<int>("--identifiers") { Description = "Distinct identifiers the phone heard over 14 days", DefaultValueFactory = _ => 21_000 };
        var child = new Option<string?>(PhoneBench.ChildOption) { Hidden = true };
        var mode = new Option<string?>(PhoneBench.ModeOption) { Hidden = true };
        var command = new Command("phone", "Time and peak memory of a phone checking 500,000 diagnosis keys against 14 days of observations")
        {
            keys, identifiers, child, mode,
        };
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(child) is { } dir)
            {
                return await PhoneBenchChild.RunAsync(dir, result.GetValue(mode) ?? "gardefou", ct);
            }
            return await PhoneBench.RunAsync(result.GetValue(keys), result.GetValue(identifiers), SelfLauncher.Current(), ct);
        });
        return command;
    }
}
