using Gardefou.Simulation.Engine;

namespace Gardefou.Simulation.EndToEnd;

/// <summary>
/// One population, one seed, run twice: the fast mode, and the end-to-end mode in which phones decide notifications.
/// Once one decision differs the two epidemics drift apart (another person quarantines, another chain of infection),
/// so counts are compared as two Poisson counts: they agree when they differ by at most three standard deviations of
/// their difference, 3·√(fast + end-to-end).
/// </summary>
/// <param name="Fast">The fast mode's run.</param>
/// <param name="EndToEnd">The end-to-end run (its privacy figures are not meaningful: tracing happened on the phones).</param>
/// <param name="Devices">What the phones did.</param>
public sealed record EndToEndComparison(RunResult Fast, RunResult EndToEnd, DeviceStatistics Devices)
{
    /// <summary>End-to-end notifications minus fast-mode notifications.</summary>
    public int NotificationDifference => EndToEnd.Notifications - Fast.Notifications;

    /// <summary>Three standard deviations of the difference of two Poisson counts.</summary>
    public double NotificationTolerance => Tolerance(Fast.Notifications, EndToEnd.Notifications);

    /// <summary>Three standard deviations of the difference of the upload counts.</summary>
    public double UploadTolerance => Tolerance(Fast.Uploads, EndToEnd.Uploads);

    /// <summary>Whether notifications and uploads agree within tolerance.</summary>
    public bool Agrees =>
        Math.Abs(NotificationDifference) <= NotificationTolerance && Math.Abs(EndToEnd.Uploads - Fast.Uploads) <= UploadTolerance;

    /// <summary>Three standard deviations of the difference of two independent Poisson counts (at least 3, for tiny counts).</summary>
    public static double Tolerance(int a, int b) => 3 * Math.Sqrt(Math.Max(1, a + b));

    /// <summary>The comparison in one line.</summary>
    public override string ToString() =>
        $"fast: {Fast.Uploads} uploads, {Fast.Notifications} notifications ({Fast.FalseAlerts} false); "
        + $"end-to-end: {EndToEnd.Uploads} uploads, {EndToEnd.Notifications} notifications ({EndToEnd.FalseAlerts} false); "
        + $"difference {NotificationDifference:+0;-0;0} within ±{NotificationTolerance:0.0}: {(Agrees ? "agree" : "DISAGREE")}";
}
