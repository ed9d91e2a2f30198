using System.Text.RegularExpressions;
using Gardefou.Bench;

namespace Gardefou.Cli.Tests.Commands.Bench;

public partial class SimulateBenchTests
{
    // The issue fixes this line: simulate: <N> people x <D> days in <S> s; <B> bytes per person; peak <M> MB, and
    // issue 15 adds the infected share of the run and of its app-off baseline at the end.
    [GeneratedRegex(@"^simulate: (?<n>\d+) people x (?<d>\d+) days in \d+(\.\d+)? s; (?<b>\d+) bytes per person; peak (?<m>\d+) MB; infected (?<i>\d+\.\d)% \(app off (?<o>\d+\.\d)%\)$")]
    private static partial Regex LastLine();

    [Fact]
    public void Small_run_prints_the_baseline_then_the_figure_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = SimulateBench.Run(people: 5_000, days: 20, adoption: 0.56, output, error);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("baseline (app off):", StringComparison.Ordinal));
        var match = LastLine().Match(lines[^1]);
        Assert.True(match.Success, lines[^1]);
        // Whole communes are sampled, so the population is at least the size asked for.
        Assert.InRange(int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), 5_000, 60_000);
        Assert.Equal("20", match.Groups["d"].Value);
        Assert.True(int.Parse(match.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.InRange(double.Parse(match.Groups["o"].Value, System.Globalization.CultureInfo.InvariantCulture), 0.01, 100);
    }

    [Theory]
    [InlineData(5, 10, 0.5)]
    [InlineData(1000, 0, 0.5)]
    [InlineData(1000, 10, 1.5)]
    public void Bad_sizes_exit_2_with_a_message(int people, int days, double adoption)
    {
        var error = new StringWriter();
        Assert.Equal(2, SimulateBench.Run(people, days, adoption, TextWriter.Null, error));
        Assert.StartsWith("error:", error.ToString(), StringComparison.Ordinal);
    }
}
