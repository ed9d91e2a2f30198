using Gardefou.Simulation.EndToEnd;

namespace Gardefou.Cli.Commands;

/// <summary>
/// This very program as a child process, started the way this process was: the installed tool's executable, or
/// <c>dotnet gardefou.dll</c>. The end-to-end simulation starts <c>gardefou serve</c> with it, and the benchmarks
/// their child measurements and external server.
/// </summary>
internal static class SelfLauncher
{
    public static GardefouLauncher Current()
    {
        var self = Environment.ProcessPath;
        if (self is not null && !Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return new GardefouLauncher(self, []);
        }
        return GardefouLauncher.ForDll(typeof(SelfLauncher).Assembly.Location);
    }
}
