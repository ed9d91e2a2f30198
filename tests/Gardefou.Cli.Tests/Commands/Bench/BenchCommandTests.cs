namespace Gardefou.Cli.Tests.Commands.Bench;

public class BenchCommandTests
{
    // The commands and options of `gardefou bench` are a contract (README, docs/*.md): the benchmarks moved to
    // benchmarks/Gardefou.Bench, and the command line in front of them must not change with them.
    public static TheoryData<string, string> Options => new()
    {
        { "matching", "--keys --observed --naive-keys --repeat --threads --seed --clock --pin" },
        { "registry", "--sites --queries --seconds --radius-km --writers --flush-ms" },
        { "simulate", "--population --days --adoption" },
        { "server", "--seconds --clients --uploads --export-keys --external" },
        { "phone", "--keys --identifiers --child --mode" },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void Each_bench_command_keeps_its_options(string name, string options)
    {
        var bench = Cli.Commands.BenchCommand.Create();

        var command = Assert.Single(bench.Subcommands, c => c.Name == name);

        Assert.Equal(options.Split(' '), command.Options.Select(o => o.Name).Where(n => n != "--help"));
    }

    [Fact]
    public void Bench_has_exactly_the_five_benchmarks()
    {
        Assert.Equal(["matching", "registry", "simulate", "server", "phone"], Cli.Commands.BenchCommand.Create().Subcommands.Select(c => c.Name));
    }
}
