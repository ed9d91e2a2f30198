namespace Gardefou.Simulation.Engine;

/// <summary>A period a person stayed home (quarantine or isolation), kept to count the days of uninfected people.</summary>
/// <param name="Person">Who.</param>
/// <param name="Start">First day.</param>
/// <param name="End">First day after.</param>
public readonly record struct Episode(int Person, short Start, short End);
