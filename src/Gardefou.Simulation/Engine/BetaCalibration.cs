using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>Finds the transmission rate per unit exposure that gives the epidemic its <see cref="DiseaseParameters.R0"/>.</summary>
internal static class BetaCalibration
{
    // R0 as the expected number of people infected by a typical early case: for a sample of people, their contacts
    // over a whole infectious period are walked once, hazards accumulated per contact (so repeated household contacts
    // saturate as 1 − e^−H does in the model), each sampled case weighted by its own chance of being infected
    // (susceptibility × exposure received), and β found by bisection. Individual infectiousness (asymptomatic share,
    // over-dispersion) is drawn per sample as in DiseaseProgression.Infect.
    public static double Calibrate(RunContext run, double[] generation)
    {
        var d = run.Parameters.Disease;
        var pop = run.Population;
        var walker = run.Walker;
        var samples = Math.Min(pop.Count, 2000);
        var cases = new List<(double Weight, double Multiplier, double[] Hazards)>(samples);
        var hazards = new Dictionary<int, double>();
        var exposures = new Dictionary<int, double>();
        for (var k = 0; k < samples; k++)
        {
            var person = (int)(Hash.Of(run.Seed, (ulong)Purpose.Seeding, 7, (ulong)k) % (ulong)pop.Count);
            hazards.Clear();
            exposures.Clear();
            var incoming = 0.0;
            for (var age = 0; age < generation.Length; age++)
            {
                var visitor = new ExposureSum(pop, run.Parameters, hazards, exposures, generation[age]);
                walker.Walk(person, age, 1.0, true, ref visitor);
                incoming += visitor.Incoming;
            }
            var rng = new RandomStream(Hash.Of(run.Seed, (ulong)Purpose.Seeding, 8, (ulong)k));
            // The case's own infector is one of its contacts, drawn in proportion to exposure; it cannot be infected again.
            var pick = rng.NextDouble() * incoming;
            foreach (var (other, exposure) in exposures)
            {
                pick -= exposure;
                if (pick < 0)
                {
                    hazards.Remove(other);
                    break;
                }
            }
            var asymptomatic = rng.NextDouble() < d.AsymptomaticFraction;
            var multiplier = (d.InfectiousnessDispersion > 0 ? rng.NextGamma(d.InfectiousnessDispersion) / d.InfectiousnessDispersion : 1.0)
                * (asymptomatic ? d.AsymptomaticInfectiousness : 1.0);
            cases.Add((incoming * d.Susceptibility[pop.AgeBand[person]], multiplier, hazards.Values.ToArray()));
        }
        double R(double beta)
        {
            double weighted = 0, weights = 0;
            foreach (var (weight, multiplier, list) in cases)
            {
                var r = 0.0;
                foreach (var h in list)
                {
                    r += 1 - Math.Exp(-beta * multiplier * h);
                }
                weighted += weight * r;
                weights += weight;
            }
            return weights > 0 ? weighted / weights : 0;
        }
        double lo = 0, hi = 1;
        while (R(hi) < d.R0 && hi < 1e6)
        {
            hi *= 2;
        }
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (R(mid) < d.R0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private struct ExposureSum : IContactVisitor
    {
        private readonly SyntheticPopulation _pop;
        private readonly SimulationParameters _p;
        private readonly Dictionary<int, double> _hazards;
        private readonly Dictionary<int, double> _exposures;
        private readonly double _weight;

        public ExposureSum(SyntheticPopulation pop, SimulationParameters p, Dictionary<int, double> hazards, Dictionary<int, double> exposures, double weight)
        {
            _pop = pop;
            _p = p;
            _hazards = hazards;
            _exposures = exposures;
            _weight = weight;
            Incoming = 0;
        }

        public double Incoming { get; private set; }

        public void Visit(int other, Setting setting, ulong pairKey)
        {
            var exposure = _p.Contacts.SettingWeight[(int)setting] * ContactShape.Of(pairKey, setting, _p.Contacts).Exposure;
            _hazards[other] = _hazards.GetValueOrDefault(other) + _weight * exposure * _p.Disease.Susceptibility[_pop.AgeBand[other]];
            _exposures[other] = _exposures.GetValueOrDefault(other) + exposure;
            Incoming += exposure;
        }

        public readonly bool Wants(int other) => true;
    }
}
