using System.Diagnostics;
using System.Text.Json;
using Gardefou.Server.Tests.Keys;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gardefou.Server.Tests.EndToEnd;

/// <summary>
/// The demo as a person runs it: a health worker signs in to the portal in a real headless Chromium and issues a
/// code; the phone exchanges it, gets a certificate and publishes; the export worker signs a file; and
/// <c>gardefou export dump</c> verifies the downloaded file and lists the keys.
/// </summary>
public sealed class PortalToExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_code_issued_in_the_portal_ends_as_keys_in_a_verified_export()
    {
        var chromium = Environment.GetEnvironmentVariable("GARDEFOU_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Assert.Skip("Chromium not available: install Debian's chromium or set GARDEFOU_TEST_CHROMIUM");
        }
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, PublishFlowTests.FastSettings(), TimeSpan.FromSeconds(2));
        var admin = host.Host.Services.GetRequiredService<VerificationInitialization>().CreatedAdmin;
        Assert.NotNull(admin);
        Assert.Contains(host.Host.StartupNotes, note => note.Contains(admin.Password, StringComparison.Ordinal));

        string code;
        using (var playwright = await Playwright.CreateAsync())
        {
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(host.Host.BaseAddress, "portal/login").ToString());
            await page.FillAsync("#username", admin.UserName);
            await page.FillAsync("#password", admin.Password);
            await page.ClickAsync("#sign-in");
            await page.GotoAsync(new Uri(host.Host.BaseAddress, "portal/issue").ToString());
            await page.SelectOptionAsync("#test-type", "confirmed");
            await page.ClickAsync("#issue-code");
            code = (await page.InnerTextAsync("#issued-code")).Trim();
        }
        Assert.Matches("^[0-9]{8}$", code);

        var phone = new Phone(host.Client);
        var upload = await phone.PrepareUploadAsync(code, Phone.DailyKeys(10));
        using (var published = await phone.PublishAsync(upload))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Ct));
        }

        var index = await Clients.WaitForNonEmptyAsync(host.Client, "/v1/exports/index.txt", TimeSpan.FromSeconds(30));
        var path = index.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var zip = Path.Combine(host.DataDirectory, "downloaded.zip");
        var pem = Path.Combine(host.DataDirectory, "downloaded.pem");
        await File.WriteAllBytesAsync(zip, await host.Client.GetByteArrayAsync($"/v1/exports/{path}", Ct), Ct);
        await File.WriteAllTextAsync(pem, await host.Client.GetStringAsync("/v1/exports/public-key.pem", Ct), Ct);

        var (exitCode, output, errors) = await RunCliAsync("export", "dump", zip, "--public-key", pem);
        Assert.True(exitCode == 0, errors);
        using var dump = JsonDocument.Parse(output);
        Assert.True(dump.RootElement.GetProperty("signatureValid").GetBoolean());
        var listed = dump.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("keyData").GetString()!).ToHashSet();
        Assert.Subset(listed, upload.Keys.ToHashSet());
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunCliAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gardefou.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await errors);
    }
}
