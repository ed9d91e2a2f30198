using Microsoft.Playwright;

namespace Gardefou.Registry.Tests.Support;

/// <summary>Debian's Chromium through Playwright, never a downloaded browser; tests skip with a reason when absent.</summary>
internal static class Browser
{
    public static string? ExecutablePath()
    {
        var configured = Environment.GetEnvironmentVariable("GARDEFOU_TEST_CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }
        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = ExecutablePath();
        if (path is null)
        {
            Assert.Skip("Chromium not available: set GARDEFOU_TEST_CHROMIUM or apt-get install chromium (CI does)");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
