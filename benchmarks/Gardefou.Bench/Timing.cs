using System.Diagnostics;

namespace Gardefou.Bench;

/// <summary>
/// Wall-clock and process CPU time of one measured run. On a machine whose cores are shared, wall-clock time also
/// counts the turns of other processes; the CPU time of a single-threaded run is its time on one core.
/// </summary>
internal readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
{
    public static Running Start() => new(Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);

    public double Seconds(bool wallClock) => (wallClock ? Wall : Cpu).TotalSeconds;

    public override string ToString() => $"{Wall.TotalMilliseconds:F1} ms wall-clock, {Cpu.TotalMilliseconds:F1} ms CPU";

    /// <summary>A run being measured.</summary>
    internal readonly record struct Running(Stopwatch Clock, TimeSpan CpuAtStart)
    {
        public Timing Stop() => new(Clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - CpuAtStart);
    }
}
