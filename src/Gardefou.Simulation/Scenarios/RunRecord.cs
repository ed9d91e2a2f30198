using Gardefou.Simulation.Engine;

namespace Gardefou.Simulation.Scenarios;

/// <summary>One run of a study with what it varied.</summary>
/// <param name="Group">"grid", "lever" or "sweep".</param>
/// <param name="Variable">What was varied (e.g. "adoption", "+10% tests").</param>
/// <param name="Value">The value of that variable.</param>
/// <param name="Result">The run's result.</param>
public sealed record RunRecord(string Group, string Variable, double Value, RunResult Result);
