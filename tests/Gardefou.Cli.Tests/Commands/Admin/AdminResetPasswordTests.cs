namespace Gardefou.Cli.Tests.Commands.Admin;

/// <summary><c>gardefou admin reset-password</c> against a running server (issue 12 point 7: a missed demo password).</summary>
public sealed class AdminResetPasswordTests
{
    [Fact]
    public async Task The_new_password_is_printed_once_works_and_the_users_sessions_end()
    {
        await using var cli = await AdminCli.StartAsync();
        var (user, oldPassword) = cli.DemoAdmin;
        using var session = await cli.SignInAsync(user, oldPassword);
        Assert.NotNull(session);

        var (exit, output, error) = await AdminCli.RunAsync("admin", "reset-password", "--data", cli.Data, "--user", user);

        Assert.Equal(0, exit);
        var password = output.Trim();
        Assert.Matches("^[A-Za-z0-9]{20}$", password);
        Assert.Contains("shown only now", error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error, StringComparison.Ordinal);
        Assert.False(await AdminCli.IsSignedInAsync(session), "the session from before the reset still works");
        Assert.Null(await cli.SignInAsync(user, oldPassword));
        using var fresh = await cli.SignInAsync(user, password);
        Assert.NotNull(fresh);
    }

    [Theory]
    [InlineData("--user", "nobody-here")]
    [InlineData("--user", "x")]
    [InlineData]
    public async Task An_unknown_or_missing_user_exits_2_with_a_message(params string[] arguments)
    {
        await using var cli = await AdminCli.StartAsync();

        var (exit, output, error) = await AdminCli.RunAsync(["admin", "reset-password", "--data", cli.Data, .. arguments]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("reset-password: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_read_exits_1()
    {
        var data = Directory.CreateTempSubdirectory("gardefou-admin-broken-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(data, "verification.db"), "this is not a SQLite database, it is plain text of some length.", TestContext.Current.CancellationToken);

            var (exit, output, error) = await AdminCli.RunAsync("admin", "reset-password", "--data", data, "--user", "demo-admin");

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.Contains("cannot read or write the verification database", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
