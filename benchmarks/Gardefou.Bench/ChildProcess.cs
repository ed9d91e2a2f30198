using System.Diagnostics;
using Gardefou.Simulation.EndToEnd;

namespace Gardefou.Bench;

/// <summary>
/// The <c>gardefou</c> command started again as a child process with other arguments: the phone bench measures each
/// phone in a fresh process (<c>bench phone --child</c>), and <c>bench server --external</c> starts <c>gardefou serve</c>.
/// The caller's <see cref="GardefouLauncher"/> says how: the installed tool's executable, or <c>dotnet gardefou.dll</c>.
/// </summary>
internal static class ChildProcess
{
    public static ProcessStartInfo StartInfo(GardefouLauncher launcher, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(launcher.FileName) { UseShellExecute = false };
        foreach (var argument in launcher.Prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
