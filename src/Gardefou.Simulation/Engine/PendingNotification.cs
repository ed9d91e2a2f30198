namespace Gardefou.Simulation.Engine;

/// <summary>A notification decided but not yet shown (the phone shows it on <paramref name="Day"/>).</summary>
/// <param name="Person">Who will be notified.</param>
/// <param name="Index">The uploader whose keys matched.</param>
/// <param name="ExposureDay">Day of the matching exposure.</param>
/// <param name="Day">Day the notification is shown.</param>
/// <param name="Close">Ground truth: a real close contact with the uploader that day.</param>
/// <param name="Human">Ground truth: a human contact at all (false when a phone left behind heard the other).</param>
internal readonly record struct PendingNotification(int Person, int Index, short ExposureDay, short Day, bool Close, bool Human);
