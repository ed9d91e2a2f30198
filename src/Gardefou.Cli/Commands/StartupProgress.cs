using System.Diagnostics;
using System.Globalization;

namespace Gardefou.Cli.Commands;

/// <summary>
/// Prints each start-up step of <c>serve</c> as it begins, with the seconds since the process started, so a first
/// start (schema creation, keys, demo data) shows where the time goes instead of staying silent.
/// </summary>
internal sealed class StartupProgress(TextWriter output)
{
    private readonly DateTime _processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>Announces a step.</summary>
    public void Step(string what) => output.WriteLine($"[{Elapsed()}] {what}…");

    private string Elapsed() => string.Create(CultureInfo.InvariantCulture, $"{(TimeProvider.System.GetUtcNow().UtcDateTime - _processStart).TotalSeconds,5:F1} s");
}
