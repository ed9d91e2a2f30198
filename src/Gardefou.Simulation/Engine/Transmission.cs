using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// One day of transmission: every infectious person's contacts are walked and each susceptible contact is infected
/// with probability 1 − e^−hazard. Runs in parallel over chunks of the infected list and is merged in list order, so
/// the thread count does not change the result.
/// </summary>
internal sealed class Transmission
{
    private const int ChunkSize = 512;

    private readonly RunContext _run;
    private readonly DiseaseProgression _disease;
    private readonly ContactWalker _walker;
    private readonly double _beta;

    public Transmission(RunContext run, DiseaseProgression disease, double beta)
    {
        _run = run;
        _disease = disease;
        _walker = run.Walker;
        _beta = beta;
    }

    // Each chunk of the infected list walks its infectors' contacts and records (infectee, infector) candidates in its
    // own buffer; buffers are applied in chunk order and the first infector wins, exactly as a sequential loop would.
    public void Transmit(int day)
    {
        var infectors = _disease.Infected.ToArray();
        var chunks = (infectors.Length + ChunkSize - 1) / ChunkSize;
        if (chunks == 0)
        {
            return;
        }
        var s = _run.State;
        var generation = _disease.Generation;
        var results = new List<long>[chunks];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _run.Parameters.Threads };
        var activity = _run.Lockdown.ActivityOn(day);
        var household = _run.Parameters.Interventions.IsolationKeepsHouseholdContacts;
        Parallel.For(0, chunks, options, chunk =>
        {
            var buffer = new List<long>();
            var end = Math.Min(infectors.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                var infector = infectors[k];
                var age = day - s.InfectedDay[infector];
                if (s.State[infector] != DiseaseState.Infected || age < 0 || age >= generation.Length)
                {
                    continue;
                }
                var force = _beta * generation[age] * s.Infectiousness[infector];
                if (force <= 0)
                {
                    continue;
                }
                var visitor = new TransmissionVisitor(_run, infector, force, buffer);
                _walker.Walk(infector, day, activity, household, ref visitor);
            }
            results[chunk] = buffer;
        });
        foreach (var buffer in results)
        {
            foreach (var packed in buffer)
            {
                var infectee = (int)(packed >> 32);
                if (s.State[infectee] == DiseaseState.Susceptible)
                {
                    _disease.Infect(infectee, day, (int)(packed & 0xFFFFFFFF));
                }
            }
        }
    }

    private readonly struct TransmissionVisitor : IContactVisitor
    {
        private readonly RunContext _run;
        private readonly int _infector;
        private readonly double _force;
        private readonly List<long> _buffer;

        public TransmissionVisitor(RunContext run, int infector, double force, List<long> buffer)
        {
            _run = run;
            _infector = infector;
            _force = force;
            _buffer = buffer;
        }

        public bool Wants(int other) => _run.State.State[other] == DiseaseState.Susceptible;

        public void Visit(int other, Setting setting, ulong pairKey)
        {
            var s = _run.State;
            if (s.State[other] != DiseaseState.Susceptible)
            {
                return;
            }
            ContactParameters contacts = _run.Parameters.Contacts;
            var hazard = _force * contacts.SettingWeight[(int)setting] * ContactShape.Of(pairKey, setting, contacts).Exposure
                * _run.Parameters.Disease.Susceptibility[_run.Population.AgeBand[other]];
            if (Hash.Chance(Hash.Of(pairKey, (ulong)Purpose.Transmission, (ulong)_infector), 1 - Math.Exp(-hazard)))
            {
                _buffer.Add(((long)other << 32) | (uint)_infector);
            }
        }
    }
}
