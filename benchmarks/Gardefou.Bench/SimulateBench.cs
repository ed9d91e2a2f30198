using System.Diagnostics;
using System.Globalization;
using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Places;
using Gardefou.Simulation.Population;

namespace Gardefou.Bench;

/// <summary>
/// <c>gardefou bench simulate</c>: builds a France-like population (whole communes sampled, connected by commuting
/// and travel) and runs a growing epidemic (R0 3, OpenABM-like, with the default testing, isolation and tracing) with
/// the app on; the baseline, measured first in the same process, is the same population and seed with the app off.
/// The figure line gives the infected share of both runs, so that a run where little happens cannot pass for a fast one.
/// </summary>
public static class SimulateBench
{
    /// <summary>
    /// Runs the app-off baseline, then the app-on run, and prints their lines to <paramref name="output"/> (the last one
    /// is the figure). Returns 0, or 2 with an <c>error:</c> line on <paramref name="error"/> when a size is out of range.
    /// </summary>
    public static int Run(int people, int days, double adoption, TextWriter output, TextWriter error)
    {
        if (people < 10 || days < 1 || adoption is < 0 or > 1)
        {
            error.WriteLine("error: --population must be at least 10, --days at least 1, --adoption between 0 and 1");
            return 2;
        }
        var baseParameters = new SimulationParameters
        {
            Days = days,
            Seed = 1,
            Population = new PopulationParameters { Size = people },
            // The hard case: an epidemic that takes off (R0 3, one seed per 10,000 people) so that most of the
            // population is infected, traced and notified during the run (at least half with the app off).
            Disease = new DiseaseParameters { R0 = 3, InitialInfected = Math.Max(10, people / 10_000) },
            Interventions = new InterventionParameters { LockdownTriggerPer100k = 0 },
        };
        var build = Stopwatch.StartNew();
        var communes = PlaceSelection.Resolve(CommuneCatalog.France, baseParameters.Population, baseParameters.Seed);
        var pop = PopulationBuilder.Build(communes, baseParameters.Population, baseParameters.Seed);
        build.Stop();
        output.WriteLine(FormattableString.Invariant($"population: {pop.Count} people in {communes.Count} communes built in {build.Elapsed.TotalSeconds:F1} s"));

        var baseline = Measure(baseParameters, pop);
        output.WriteLine(FormattableString.Invariant(
            $"baseline (app off): {baseline.Seconds:F1} s; infections {baseline.Result.Infections} ({baseline.Result.AttackRate:P1}); notifications {baseline.Result.Notifications}"));
        var withApp = baseParameters with { App = new AppParameters { Adoption = adoption } };
        var measured = Measure(withApp, pop);
        output.WriteLine(FormattableString.Invariant(
            $"app on ({adoption:P0}): {measured.Seconds:F1} s; infections {measured.Result.Infections} ({measured.Result.AttackRate:P1}); uploads {measured.Result.Uploads}; notifications {measured.Result.Notifications}"));
        var bytesPerPerson = (pop.Bytes + measured.StateBytes) / (double)pop.Count;
        output.WriteLine(FormattableString.Invariant(
            $"France (68,952,941 people) at {bytesPerPerson:F0} bytes per person: {bytesPerPerson * 68_952_941 / 1e9:F1} GB of agent state"));
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulate: {pop.Count} people x {days} days in {build.Elapsed.TotalSeconds + measured.Seconds:F1} s; {bytesPerPerson:F0} bytes per person; peak {peak} MB; infected {100 * measured.Result.AttackRate:F1}% (app off {100 * baseline.Result.AttackRate:F1}%)"));
        return 0;
    }

    private static (double Seconds, RunResult Result, long StateBytes) Measure(SimulationParameters parameters, SyntheticPopulation pop)
    {
        var watch = Stopwatch.StartNew();
        var sim = new Simulator(parameters, pop);
        var result = sim.Run();
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, result, sim.StateBytes);
    }
}
