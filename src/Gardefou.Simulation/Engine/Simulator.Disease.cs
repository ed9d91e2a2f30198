using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

public sealed partial class Simulator
{
    private int RecoveryAge(int person)
    {
        var d = _p.Disease;
        var incubation = _s.Incubation[person];
        if ((_s.Outcome[person] & AgentState.Hospitalised) != 0 && incubation != AgentState.NoSymptoms)
        {
            return incubation + d.OnsetToHospitalDays + 14;
        }
        return Math.Max(_generation.Length, d.DetectableDays);
    }

    private void Infect(int person, int day, int infector)
    {
        var d = _p.Disease;
        var rng = new RandomStream(Hash.Of(_seed, (ulong)Purpose.NaturalHistory, (ulong)person));
        _s.State[person] = DiseaseState.Infected;
        _s.InfectedDay[person] = (short)day;
        _s.Infector[person] = infector;
        var asymptomatic = rng.NextDouble() < d.AsymptomaticFraction;
        var incubation = rng.NextLogNormal(d.IncubationMeanLog, d.IncubationSdLog);
        _s.Incubation[person] = asymptomatic ? AgentState.NoSymptoms : (byte)Math.Clamp(Math.Round(incubation), 1, 30);
        var multiplier = d.InfectiousnessDispersion > 0 ? rng.NextGamma(d.InfectiousnessDispersion) / d.InfectiousnessDispersion : 1.0;
        _s.Infectiousness[person] = (float)(multiplier * (asymptomatic ? d.AsymptomaticInfectiousness : 1.0));
        var band = _pop.AgeBand[person];
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
        _s.Outcome[person] = outcome;
        _active.Add(person);
        _daily.Infections[day]++;
    }

    private void Progress(int day)
    {
        var d = _p.Disease;
        var kept = 0;
        for (var k = 0; k < _active.Count; k++)
        {
            var person = _active[k];
            var age = day - _s.InfectedDay[person];
            var incubation = _s.Incubation[person];
            var outcome = _s.Outcome[person];
            if (incubation != AgentState.NoSymptoms)
            {
                if (age == incubation)
                {
                    _daily.Symptomatic[day]++;
                    OnSymptoms(person, day);
                }
                if ((outcome & AgentState.Hospitalised) != 0 && age == incubation + d.OnsetToHospitalDays)
                {
                    _daily.Hospitalisations[day]++;
                }
                if ((outcome & AgentState.Dies) != 0 && age == incubation + d.OnsetToDeathDays)
                {
                    _s.State[person] = DiseaseState.Dead;
                    _daily.Deaths[day]++;
                    continue;
                }
            }
            if (age >= RecoveryAge(person) && (outcome & AgentState.Dies) == 0)
            {
                _s.State[person] = DiseaseState.Recovered;
                continue;
            }
            _active[kept++] = person;
        }
        _active.RemoveRange(kept, _active.Count - kept);
    }

    private void OnSymptoms(int person, int day)
    {
        var h = Hash.Of(_seed, (ulong)Purpose.Behaviour, (ulong)person, (ulong)day);
        if (!Hash.Chance(h, _p.Interventions.SelfIsolationCompliance))
        {
            return;
        }
        Isolate(person, day, _p.Interventions.IsolationDays);
        if (_p.App.UploadOnSymptoms)
        {
            OfferUpload(person, day);
        }
        if (Hash.Chance(Hash.Of(h, 1), _p.Interventions.TestSeeking))
        {
            RequestTest(person, day);
        }
    }

    private void OtherSymptoms(int day)
    {
        var rng = new RandomStream(Hash.Of(_seed, (ulong)Purpose.OtherSymptoms, (ulong)day));
        var count = rng.NextPoisson(_pop.Count * _p.Disease.OtherSymptomsPerDay);
        for (var k = 0; k < count; k++)
        {
            var person = rng.NextInt(_pop.Count);
            if (_s.State[person] != DiseaseState.Dead && _s.IsOut(person, day))
            {
                OnSymptoms(person, day);
            }
        }
    }

    // R0 as the expected number of people infected by a typical early case: for a sample of people, their contacts
    // over a whole infectious period are walked once, hazards accumulated per contact (so repeated household contacts
    // saturate as 1 − e^−H does in the model), each sampled case weighted by its own chance of being infected
    // (susceptibility × exposure received), and β found by bisection. Individual infectiousness (asymptomatic share,
    // over-dispersion) is drawn per sample as in Infect.
    private double Calibrate()
    {
        var d = _p.Disease;
        var samples = Math.Min(_pop.Count, 2000);
        var cases = new List<(double Weight, double Multiplier, double[] Hazards)>(samples);
        var hazards = new Dictionary<int, double>();
        var exposures = new Dictionary<int, double>();
        for (var k = 0; k < samples; k++)
        {
            var person = (int)(Hash.Of(_seed, (ulong)Purpose.Seeding, 7, (ulong)k) % (ulong)_pop.Count);
            hazards.Clear();
            exposures.Clear();
            var incoming = 0.0;
            for (var age = 0; age < _generation.Length; age++)
            {
                var visitor = new ExposureSum(_pop, _p, hazards, exposures, _generation[age]);
                _walker.Walk(person, age, 1.0, true, ref visitor);
                incoming += visitor.Incoming;
            }
            var rng = new RandomStream(Hash.Of(_seed, (ulong)Purpose.Seeding, 8, (ulong)k));
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
            cases.Add((incoming * d.Susceptibility[_pop.AgeBand[person]], multiplier, hazards.Values.ToArray()));
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
        private readonly Parameters.SimulationParameters _p;
        private readonly Dictionary<int, double> _hazards;
        private readonly Dictionary<int, double> _exposures;
        private readonly double _weight;

        public ExposureSum(SyntheticPopulation pop, Parameters.SimulationParameters p, Dictionary<int, double> hazards, Dictionary<int, double> exposures, double weight)
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
    }
}
