namespace Gardefou.Simulation.EndToEnd;

/// <summary>How to start the <c>gardefou</c> command line as a child process: a program and the arguments that precede the verb.</summary>
/// <param name="FileName">The program: the <c>gardefou</c> apphost, or the <c>dotnet</c> host.</param>
/// <param name="Prefix">Arguments before the verb (the path of <c>gardefou.dll</c> when run through <c>dotnet</c>).</param>
public sealed record GardefouLauncher(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>Runs <paramref name="gardefouDll"/> with the same <c>dotnet</c> host as this process when there is one.</summary>
    public static GardefouLauncher ForDll(string gardefouDll)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gardefouDll);
        if (!File.Exists(gardefouDll))
        {
            throw new ArgumentException($"'{gardefouDll}' does not exist: build Gardefou.Cli first.");
        }
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) && Environment.ProcessPath is { } self
            && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            host = self;
        }
        return new GardefouLauncher(string.IsNullOrEmpty(host) ? "dotnet" : host, [Path.GetFullPath(gardefouDll)]);
    }
}
