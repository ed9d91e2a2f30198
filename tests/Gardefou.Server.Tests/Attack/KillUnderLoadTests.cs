namespace Gardefou.Server.Tests.Attack;

/// <summary>
/// Issue 13, point 7: <c>kill -9</c> under publish load never loses an acknowledged upload nor exports a key twice.
/// Seeded (workload and kill moments), bounded (three kills, a few hundred uploads) so CI stays fast.
/// </summary>
public sealed class KillUnderLoadTests
{
    private const int Seed = 20261205;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_upload_acknowledged_before_three_kill_9s_is_in_the_signed_exports_exactly_once(string provider)
    {
        await using var database = await PostgresDatabase.ForProviderAsync(provider);
        var outcome = await KillUnderLoad.RunAsync(Seed, instances: 1, uploads: 48, kills: 3, database?.ConnectionString, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(outcome.ToString());
        Assert.Equal(3, outcome.Kills);
        Assert.True(outcome.Acknowledged > 0, outcome.ToString());
    }

    [Fact]
    public async Task Two_instances_on_one_postgres_lose_nothing_when_one_is_killed_and_each_serves_every_file_either_lists()
    {
        await using var database = await PostgresDatabase.ForProviderAsync("postgres");
        var outcome = await KillUnderLoad.RunAsync(Seed, instances: 2, uploads: 48, kills: 3, database!.ConnectionString, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(outcome.ToString());
        Assert.Equal(3, outcome.Kills);
        Assert.True(outcome.Acknowledged > 0, outcome.ToString());
    }

}
