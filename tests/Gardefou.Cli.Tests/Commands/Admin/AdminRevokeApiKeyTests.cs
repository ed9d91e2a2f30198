using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Gardefou.Cli.Tests.Commands.Admin;

/// <summary><c>gardefou admin revoke-api-key</c> against a running server (issue 13 point 6).</summary>
public sealed class AdminRevokeApiKeyTests
{
    [Fact]
    public async Task A_revoked_key_is_refused_by_api_issue_at_once()
    {
        await using var cli = await AdminCli.StartAsync();
        var (created, key, createError) = await AdminCli.RunAsync("admin", "create-api-key", "--data", cli.Data, "--name", "north lab");
        Assert.Equal(0, created);
        var id = Regex.Match(createError, @"\(id (\d+)\)").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Equal(HttpStatusCode.OK, await IssueAsync(cli.Client, key.Trim()));

        var (exit, output, error) = await AdminCli.RunAsync("admin", "revoke-api-key", "--data", cli.Data, "--key-id", id);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains($"API key {id} 'north lab' of realm 'demo' revoked", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await IssueAsync(cli.Client, key.Trim()));
        var (again, againOutput, _) = await AdminCli.RunAsync("admin", "revoke-api-key", "--data", cli.Data, "--name", "north lab");
        Assert.Equal(0, again);
        Assert.Contains("already revoked", againOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_key_is_an_apps_key_and_cannot_issue_codes()
    {
        await using var cli = await AdminCli.StartAsync();
        var (created, key, error) = await AdminCli.RunAsync("admin", "create-api-key", "--data", cli.Data, "--name", "app", "--kind", "device");

        Assert.Equal(0, created);
        Assert.Contains("/api/verify", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await IssueAsync(cli.Client, key.Trim()));
    }

    [Fact]
    public async Task A_key_named_twice_is_revoked_by_name_only_once_the_choice_is_clear()
    {
        await using var cli = await AdminCli.StartAsync();
        var (_, first, _) = await AdminCli.RunAsync("admin", "create-api-key", "--data", cli.Data, "--name", "lab");
        var (_, second, _) = await AdminCli.RunAsync("admin", "create-api-key", "--data", cli.Data, "--name", "lab");

        var (ambiguous, _, error) = await AdminCli.RunAsync("admin", "revoke-api-key", "--data", cli.Data, "--name", "lab");

        Assert.Equal(2, ambiguous);
        Assert.Contains("2 active API keys are named 'lab'", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await IssueAsync(cli.Client, first.Trim()));
        Assert.Equal(HttpStatusCode.OK, await IssueAsync(cli.Client, second.Trim()));
    }

    [Theory]
    [InlineData("--key-id", "999")]
    [InlineData("--name", "nobody's lab")]
    [InlineData("--key-id", "1", "--name", "lab")]
    [InlineData]
    public async Task Bad_arguments_exit_2_with_a_message(params string[] arguments)
    {
        await using var cli = await AdminCli.StartAsync();

        var (exit, output, error) = await AdminCli.RunAsync(["admin", "revoke-api-key", "--data", cli.Data, .. arguments]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("revoke-api-key: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_without_a_database_exits_2_and_creates_nothing()
    {
        var empty = Directory.CreateTempSubdirectory("gardefou-admin-empty-").FullName;
        try
        {
            var (exit, _, error) = await AdminCli.RunAsync("admin", "revoke-api-key", "--data", empty, "--key-id", "1");

            Assert.Equal(2, exit);
            Assert.Contains("no verification database", error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> IssueAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/issue") { Content = JsonContent.Create(new { testType = "confirmed", testDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }) };
        request.Headers.Add("X-API-Key", key);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
