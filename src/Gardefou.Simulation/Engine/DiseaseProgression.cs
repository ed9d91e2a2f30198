using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// The natural history of each infection: drawn when the person is infected (symptoms or none, incubation,
/// infectiousness, hospital admission, death), then advanced day by day until recovery or death. Owns the list of
/// people currently infected, which transmission walks.
/// </summary>
internal sealed class DiseaseProgression
{
    private readonly RunContext _run;
    private readonly CaseFinding _caseFinding;
    private readonly List<int> _infected = [];

    public DiseaseProgression(RunContext run, CaseFinding caseFinding)
    {
        _run = run;
        _caseFinding = caseFinding;
        Generation = GenerationWeights(run.Parameters.Disease);
    }

    /// <summary>Weight of each day since infection in transmission (the generation-time density; sums to 1).</summary>
    public double[] Generation { get; }

    /// <summary>People infected and not yet recovered or dead, in the order they were infected.</summary>
    public List<int> Infected => _infected;

    /// <summary>
    /// Discretised Weibull generation-time density by whole days since infection (sums to 1). An infection made on
    /// day d is first able to transmit on day d + 1 and transmits once per day, so the weight of age k is the mass of
    /// [k − ½, k + ½): the discrete mean then equals the Weibull mean (taking [k, k + 1) instead shortens it by half a
    /// day and makes the epidemic double faster than its settings say). Age 0 keeps the mass of [0, ½) for the seeds.
    /// </summary>
    public static double[] GenerationWeights(DiseaseParameters d)
    {
        var weights = new double[21];
        double Cdf(double t) => t <= 0 ? 0 : 1 - Math.Exp(-Math.Pow(t / d.GenerationScale, d.GenerationShape));
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = Cdf(k + 0.5) - Cdf(k - 0.5);
        }
        // Days carrying under 0.1% of the generation-time mass are dropped: they change R by less than 0.5% and
        // would otherwise cost as much contact generation as the infectious days themselves. The remaining weights
        // are renormalised so that R0 is unchanged.
        var kept = weights.Select(w => w < 1e-3 ? 0 : w).ToArray();
        var total = kept.Sum();
        return kept.Select(w => w / total).ToArray();
    }

    /// <summary>Infects <see cref="DiseaseParameters.InitialInfected"/> people drawn at random on day 0.</summary>
    public void SeedInfections()
    {
        var rng = new RandomStream(Hash.Of(_run.Seed, (ulong)Purpose.Seeding));
        var wanted = _run.Parameters.Disease.InitialInfected;
        var count = _run.Population.Count;
        var attempts = 0;
        while (_infected.Count < wanted && attempts++ < wanted * 100)
        {
            var person = rng.NextInt(count);
            if (_run.State.State[person] == DiseaseState.Susceptible)
            {
                Infect(person, 0, -1);
            }
        }
    }

    /// <summary>Infects <paramref name="person"/> on <paramref name="day"/> (by <paramref name="infector"/>, −1 for a seed) and draws the course of the infection.</summary>
    public void Infect(int person, int day, int infector)
    {
        var d = _run.Parameters.Disease;
        var s = _run.State;
        var rng = new RandomStream(Hash.Of(_run.Seed, (ulong)Purpose.NaturalHistory, (ulong)person));
        s.State[person] = DiseaseState.Infected;
        s.InfectedDay[person] = (short)day;
        s.Infector[person] = infector;
        var asymptomatic = rng.NextDouble() < d.AsymptomaticFraction;
        var incubation = rng.NextLogNormal(d.IncubationMeanLog, d.IncubationSdLog);
        s.Incubation[person] = asymptomatic ? AgentState.NoSymptoms : (byte)Math.Clamp(Math.Round(incubation), 1, 30);
        var multiplier = d.InfectiousnessDispersion > 0 ? rng.NextGamma(d.InfectiousnessDispersion) / d.InfectiousnessDispersion : 1.0;
        s.Infectiousness[person] = (float)(multiplier * (asymptomatic ? d.AsymptomaticInfectiousness : 1.0));
        var band = _run.Population.AgeBand[person];
        byte outcome = 0;
        if (!asymptomatic)
        {
            // Verity's fractions are of all infections; only symptomatic ones can be admitted.
            var hospital = Math.Min(1, d.Hospitalisation[band] / (1 - d.AsymptomaticFraction));
            if (rng.NextDouble() < hospital)
            {
                outcome |= AgentState.Hospitalised;
                if (rng.NextDouble() < Math.Min(1, d.FatalityRatio[band] / d.Hospitalisation[band]))
                {
                    outcome |= AgentState.Dies;
                }
            }
        }
        s.Outcome[person] = outcome;
        _infected.Add(person);
        _run.Daily.Infections[day]++;
    }

    /// <summary>Advances every infection to <paramref name="day"/>: symptom onsets (handed to case finding), admissions, deaths, recoveries.</summary>
    public void Progress(int day)
    {
        var d = _run.Parameters.Disease;
        var s = _run.State;
        var daily = _run.Daily;
        var kept = 0;
        for (var k = 0; k < _infected.Count; k++)
        {
            var person = _infected[k];
            var age = day - s.InfectedDay[person];
            var incubation = s.Incubation[person];
            var outcome = s.Outcome[person];
            if (incubation != AgentState.NoSymptoms)
            {
                if (age == incubation)
                {
                    daily.Symptomatic[day]++;
                    _caseFinding.OnSymptoms(person, day);
                }
                if ((outcome & AgentState.Hospitalised) != 0 && age == incubation + d.OnsetToHospitalDays)
                {
                    daily.Hospitalisations[day]++;
                }
                if ((outcome & AgentState.Dies) != 0 && age == incubation + d.OnsetToDeathDays)
                {
                    s.State[person] = DiseaseState.Dead;
                    daily.Deaths[day]++;
                    continue;
                }
            }
            if (age >= RecoveryAge(person) && (outcome & AgentState.Dies) == 0)
            {
                s.State[person] = DiseaseState.Recovered;
                continue;
            }
            _infected[kept++] = person;
        }
        _infected.RemoveRange(kept, _infected.Count - kept);
    }

    private int RecoveryAge(int person)
    {
        var d = _run.Parameters.Disease;
        var incubation = _run.State.Incubation[person];
        if ((_run.State.Outcome[person] & AgentState.Hospitalised) != 0 && incubation != AgentState.NoSymptoms)
        {
            return incubation + d.OnsetToHospitalDays + 14;
        }
        return Math.Max(Generation.Length, d.DetectableDays);
    }
}
