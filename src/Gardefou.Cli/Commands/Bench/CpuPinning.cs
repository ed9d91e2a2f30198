using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace Gardefou.Cli.Commands.Bench;

/// <summary>
/// Pins a single-threaded benchmark to one logical processor, so that its figure is one core's work whatever else
/// runs on the machine, and says in one line whether (and how) the run was pinned.
/// </summary>
internal static class CpuPinning
{
    /// <summary>The values of <c>--pin</c>: auto (one CPU for a single-threaded run), none, or a CPU number.</summary>
    public static bool IsValid(string value) =>
        value is "auto" or "none" || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) && cpu < 64);

    /// <summary>
    /// Applies <paramref name="pin"/> and returns the line to print. On Linux the affinity set here is the main thread's,
    /// the one that runs the measurement; <c>taskset -c N</c> pins every thread of the process instead.
    /// </summary>
    public static string Apply(string pin, int threads)
    {
        var process = Process.GetCurrentProcess();
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            return "pinned: no (not supported on this system)";
        }
        var allowed = (ulong)process.ProcessorAffinity;
        var visible = $"the runtime sees {Environment.ProcessorCount} processor(s)";
        if (BitOperations.PopCount(allowed) == 1)
        {
            return $"pinned: yes, by the caller (taskset or cgroup): CPU {BitOperations.TrailingZeroCount(allowed)} only; {visible}";
        }
        if (pin == "none" || (pin == "auto" && threads > 1))
        {
            return $"pinned: no ({(pin == "none" ? "--pin none" : "--threads > 1")}; {BitOperations.PopCount(allowed)} CPUs allowed, {visible})";
        }
        // auto: the highest CPU allowed, as `taskset -c 1` would on a two-core machine (CPU 0 takes most interrupts).
        var cpu = pin == "auto" ? 63 - BitOperations.LeadingZeroCount(allowed) : int.Parse(pin, CultureInfo.InvariantCulture);
        if ((allowed & (1UL << cpu)) == 0)
        {
            return $"pinned: no (CPU {cpu} is not available to this process)";
        }
        process.ProcessorAffinity = (nint)(1L << cpu);
        return $"pinned: yes, the measuring thread to CPU {cpu} (--pin {pin}); {visible}";
    }
}
