namespace Gardefou.Protocol.Risk;

/// <summary>The two figures GAEN computes per exposure window.</summary>
/// <param name="WeightedDuration">Σ seconds × bucket weight, in "weighted seconds".</param>
/// <param name="Score">Weighted duration × infectiousness weight × report-type weight.</param>
public readonly record struct WindowScore(double WeightedDuration, double Score);
