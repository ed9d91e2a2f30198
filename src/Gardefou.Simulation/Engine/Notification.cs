namespace Gardefou.Simulation.Engine;

/// <summary>One delivered notification.</summary>
/// <param name="Person">Who was notified.</param>
/// <param name="Index">The uploader whose keys matched.</param>
/// <param name="ExposureDay">Day of the matching exposure.</param>
/// <param name="Day">Day the notification was shown.</param>
/// <param name="CloseContact">Ground truth: a real close contact (≤ 2 m, ≥ 15 min) with the uploader that day.</param>
/// <param name="Candidates">People the notified person met on the days the design reveals (single-contact inference, C2-1).</param>
public readonly record struct Notification(int Person, int Index, short ExposureDay, short Day, bool CloseContact, int Candidates);
