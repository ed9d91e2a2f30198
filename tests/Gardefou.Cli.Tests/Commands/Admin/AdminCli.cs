using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Gardefou.Server;

namespace Gardefou.Cli.Tests.Commands.Admin;

/// <summary>
/// Runs the built <c>gardefou</c> as its own process (real exit code, stdout and stderr), next to a real Gardefou
/// server with the verification role on a temporary data directory.
/// </summary>
internal sealed partial class AdminCli : IAsyncDisposable
{
    private readonly LoopbackHost _server;

    private AdminCli(LoopbackHost server) => _server = server;

    public string Data => _server.DataDirectory;

    public GardefouHost Host => _server.Host;

    public HttpClient Client => _server.Client;

    /// <summary>The demo admin's name and password, as the first start printed them.</summary>
    public (string User, string Password) DemoAdmin
    {
        get
        {
            var match = DemoAdminNote().Match(string.Join('\n', Host.StartupNotes));
            Assert.True(match.Success, "no demo admin in the startup notes");
            return (match.Groups["user"].Value, match.Groups["password"].Value);
        }
    }

    public static async Task<AdminCli> StartAsync()
    {
        return new AdminCli(await LoopbackHost.StartAsync(GardefouRoles.Verification));
    }

    /// <summary>Runs <c>gardefou</c> with <paramref name="arguments"/>.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gardefou.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Signs in to the portal with a fresh cookie jar; the client, or null when refused.</summary>
    public async Task<HttpClient?> SignInAsync(string user, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Host.BaseAddress };
        var page = await client.GetStringAsync("/portal/login", TestContext.Current.CancellationToken);
        var token = TokenField().Match(page);
        using var response = await client.PostAsync("/portal/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [WebUtility.HtmlDecode(token.Groups["name"].Value)] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["username"] = user,
            ["password"] = password,
        }), TestContext.Current.CancellationToken);
        if (await IsSignedInAsync(client))
        {
            return client;
        }
        client.Dispose();
        return null;
    }

    public static async Task<bool> IsSignedInAsync(HttpClient client) =>
        (await client.GetStringAsync("/portal/issue", TestContext.Current.CancellationToken)).Contains("id=\"issue-code\"", StringComparison.Ordinal);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [GeneratedRegex("user '(?<user>[^']+)', password '(?<password>[^']+)'")]
    private static partial Regex DemoAdminNote();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenField();
}
