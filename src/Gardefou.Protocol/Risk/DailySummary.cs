namespace Gardefou.Protocol.Risk;

/// <summary>
/// What the device learns about one UTC day from the windows whose score reached the minimum window score.
/// </summary>
/// <param name="Day">The UTC day.</param>
/// <param name="MaximumScore">Highest window score of the day.</param>
/// <param name="ScoreSum">Sum of window scores; compared with <see cref="RiskConfiguration.DailyScoreThreshold"/>.</param>
/// <param name="WeightedDurationSum">Sum of window weighted durations (ignores infectiousness and report type).</param>
/// <param name="WindowCount">Number of windows counted.</param>
public sealed record DailySummary(DateOnly Day, double MaximumScore, double ScoreSum, double WeightedDurationSum, int WindowCount);
