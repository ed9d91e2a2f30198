using System.Text.RegularExpressions;
using Gardefou.Bench;
using Gardefou.Cli.Commands.Bench;

namespace Gardefou.Cli.Tests.Commands.Bench;

public partial class MatchingBenchTests
{
    [GeneratedRegex(@"^matching: \d+ keys/s; naive: \d+ keys/s; ratio: \d+\.\d$")]
    private static partial Regex LastLine();

    [Fact]
    public void Small_run_finds_the_planted_matches_and_ends_with_the_figure_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = MatchingBench.Run(keyCount: 700, observedCount: 500, naiveKeys: 300, repeat: 1, threads: 2, seed: 4, wallClock: false, output, error);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(LastLine(), lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("matching: 1 runs over 700 keys", StringComparison.Ordinal) && l.EndsWith("found exactly the 5 planted matches", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("naive:", StringComparison.Ordinal) && l.Contains("the first 300 keys only", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("parallel: 2 threads:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("pinned: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--keys 0")]
    [InlineData("--observed -3")]
    [InlineData("--threads 0")]
    [InlineData("--clock sundial")]
    [InlineData("--keys many")]
    [InlineData("--pin sometimes")]
    [InlineData("--pin -1")]
    public void Bad_options_are_parse_errors(string arguments)
    {
        var result = MatchingBenchCommand.Create().Parse(arguments);
        Assert.NotEmpty(result.Errors);
    }
}
