using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Gardefou.Bench;

/// <summary>
/// Pins a single-threaded benchmark's process to one logical processor, as <c>taskset -c N</c> would, so that its
/// figure is one core's work whatever else runs on the machine (the runtime's own threads, such as the background JIT
/// and the GC, share that core too), and says in one line whether (and how) the run was pinned.
/// </summary>
public static class CpuPinning
{
    /// <summary>The values of <c>--pin</c>: auto (one CPU for a single-threaded run), none, or a CPU number.</summary>
    public static bool IsValid(string value) =>
        value is "auto" or "none" || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) && cpu < 64);

    /// <summary>Applies <paramref name="pin"/> and returns the line to print.</summary>
    internal static string Apply(string pin, int threads)
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
        var mask = 1UL << cpu;
        if (OperatingSystem.IsWindows())
        {
            // Windows sets the affinity of the whole process.
            process.ProcessorAffinity = (nint)mask;
            return $"pinned: yes, the process to CPU {cpu} (--pin {pin}); {visible}";
        }
        // On Linux an affinity belongs to a thread (Process.ProcessorAffinity sets only the main thread's): set it on
        // every thread the process has, and threads started later inherit it from the thread that starts them.
        var pinned = 0;
        var failed = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
            {
                if (SchedSetAffinity(tid, sizeof(ulong), ref mask) == 0)
                {
                    pinned++;
                }
                else
                {
                    failed++; // a thread that ended meanwhile
                }
            }
        }
        var threadsPinned = failed == 0 ? $"all {pinned} threads" : $"{pinned} of {pinned + failed} threads";
        return $"pinned: yes, the process ({threadsPinned}) to CPU {cpu} (--pin {pin}); {visible}";
    }

    // DllImport rather than LibraryImport: the generated stub needs unsafe code, which this project does not enable.
    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int tid, nint size, ref ulong mask);
}
