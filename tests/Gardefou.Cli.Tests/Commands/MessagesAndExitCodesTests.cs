using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gardefou.Cli.Tests.Support;
using Gardefou.Server;
using Gardefou.Verification;

namespace Gardefou.Cli.Tests.Commands;

// The exit-code table of docs/cli.md (0 ok, 1 runtime failure, 2 bad arguments), and messages that name what failed
// and what to do, checked on the real command in a child process.
public sealed class MessagesAndExitCodesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gardefou-cli-messages-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Help_exits_0()
    {
        var result = await GardefouProcess.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("phone", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_bad_argument_and_exits_2()
    {
        var result = await GardefouProcess.RunAsync("phone", "init", Path.Combine(_dir, "a"));

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Contains("Option '--server' is required.", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "a")));
    }

    [Theory]
    [InlineData("phone", "frobnicate")]
    [InlineData("protocol", "derive", "--tek", "75c734c6dd1a782de7a965da5eb93125", "--interval", "soon")]
    [InlineData("phone", "meet", "a", "b", "--carried", "teeth")]
    public async Task An_unknown_command_or_a_value_of_the_wrong_kind_exits_2(params string[] arguments)
    {
        var result = await GardefouProcess.RunAsync(arguments);

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.NotEmpty(result.ErrorLines);
    }

    [Fact]
    public async Task No_command_at_all_exits_2()
    {
        var result = await GardefouProcess.RunAsync();

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Contains("Required command was not provided.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_out_of_range_checked_by_the_command_exits_2()
    {
        var result = await GardefouProcess.RunAsync("protocol", "derive", "--tek", "75c7", "--interval", "2642976");

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.Equal(["error: --tek must be exactly 32 hexadecimal characters."], result.ErrorLines);
    }

    [Theory]
    [InlineData("--port", "5081")]
    [InlineData("--port=5081")]
    public async Task Serve_with_port_points_to_urls_and_exits_2(params string[] port)
    {
        var result = await GardefouProcess.RunAsync(["serve", "--data", Path.Combine(_dir, "server"), .. port]);

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("'--port'", line, StringComparison.Ordinal);
        Assert.Contains("use --urls", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "server")), "nothing is created before the arguments are checked");
    }

    [Fact]
    public async Task Serve_on_a_busy_port_says_so_in_one_line_and_exits_1()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var result = await GardefouProcess.RunAsync("serve", "--data", Path.Combine(_dir, "server"), "--urls", $"http://127.0.0.1:{port}", "--demo-registry", "0");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains($"port {port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_named_with_a_hint_and_exits_1()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/";

        var result = await GardefouProcess.RunAsync("phone", "init", Path.Combine(_dir, "a"), "--server", url);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains($"to reach {url}", line, StringComparison.Ordinal);
        Assert.Contains("Is `gardefou serve` running", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reused_code_is_refused_with_single_use_and_expiry_and_exits_1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LoopbackHost.StartAsync(GardefouRoles.All, dataDirectory: Path.Combine(_dir, "server"));
        var host = server.Host;
        var code = await IssueCodeAsync(host, ct);
        foreach (var phone in new[] { "a", "b" })
        {
            Assert.Equal(ExitCodes.Ok, (await GardefouProcess.RunAsync("phone", "init", Path.Combine(_dir, phone), "--server", host.BaseAddress.ToString())).ExitCode);
        }
        var first = await GardefouProcess.RunAsync("phone", "report", Path.Combine(_dir, "a"), "--code", code);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);

        var second = await GardefouProcess.RunAsync("phone", "report", Path.Combine(_dir, "b"), "--code", code);

        Assert.Equal(ExitCodes.Failed, second.ExitCode);
        var line = Assert.Single(second.ErrorLines);
        Assert.Contains("Invalid code", line, StringComparison.Ordinal);
        Assert.Contains("single-use and expire", line, StringComparison.Ordinal);
        Assert.Contains("ask the health worker for a new code", line, StringComparison.Ordinal);
        Assert.DoesNotContain(code, line, StringComparison.Ordinal);
    }

    private static async Task<string> IssueCodeAsync(GardefouHost host, CancellationToken ct)
    {
        var apiKey = await host.Services.CreateApiKeyAsync("demo", "cli-tests", ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "api/issue"))
        {
            Content = JsonContent.Create(new { testType = "confirmed", testDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
        };
        request.Headers.Add("X-API-Key", apiKey.Key);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("code").GetString()!;
    }

    /// <summary>A loopback port nothing listens on: one the system just handed out, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
