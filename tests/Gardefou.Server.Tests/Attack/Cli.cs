using System.Diagnostics;

namespace Gardefou.Server.Tests.Attack;

/// <summary>The built <c>gardefou</c> command (copied beside the tests by the project reference), run by the test's own <c>dotnet</c> host.</summary>
internal static class Cli
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "gardefou.dll");

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Starts the command; every line it writes goes to <paramref name="output"/>.</summary>
    public static Process Start(IEnumerable<string> arguments, Action<string?> output)
    {
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output(e.Data);
        process.ErrorDataReceived += (_, e) => output(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the command to its end; its standard output, or an exception with both streams when it fails.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gardefou {string.Join(' ', start.ArgumentList.Skip(1).Take(2))} exited with {process.ExitCode}: {await error}");
        }
        return await output;
    }
}
