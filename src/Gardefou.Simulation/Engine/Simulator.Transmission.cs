using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

public sealed partial class Simulator
{
    private const int ChunkSize = 512;

    // Each chunk of the infected list walks its infectors' contacts and records (infectee, infector) candidates in its
    // own buffer; buffers are applied in chunk order and the first infector wins, exactly as a sequential loop would.
    private void Transmit(int day)
    {
        var infectors = _active.ToArray();
        var chunks = (infectors.Length + ChunkSize - 1) / ChunkSize;
        if (chunks == 0)
        {
            return;
        }
        var results = new List<long>[chunks];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _p.Threads };
        var activity = _activity[day];
        var household = _p.Interventions.IsolationKeepsHouseholdContacts;
        Parallel.For(0, chunks, options, chunk =>
        {
            var buffer = new List<long>();
            var end = Math.Min(infectors.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                var infector = infectors[k];
                var age = day - _s.InfectedDay[infector];
                if (_s.State[infector] != DiseaseState.Infected || age < 0 || age >= _generation.Length)
                {
                    continue;
                }
                var force = Beta * _generation[age] * _s.Infectiousness[infector];
                if (force <= 0)
                {
                    continue;
                }
                var visitor = new TransmissionVisitor(this, infector, force, buffer);
                _walker.Walk(infector, day, activity, household, ref visitor);
            }
            results[chunk] = buffer;
        });
        foreach (var buffer in results)
        {
            foreach (var packed in buffer)
            {
                var infectee = (int)(packed >> 32);
                if (_s.State[infectee] == DiseaseState.Susceptible)
                {
                    Infect(infectee, day, (int)(packed & 0xFFFFFFFF));
                }
            }
        }
    }

    private readonly struct TransmissionVisitor : IContactVisitor
    {
        private readonly Simulator _sim;
        private readonly int _infector;
        private readonly double _force;
        private readonly List<long> _buffer;

        public TransmissionVisitor(Simulator sim, int infector, double force, List<long> buffer)
        {
            _sim = sim;
            _infector = infector;
            _force = force;
            _buffer = buffer;
        }

        public void Visit(int other, Setting setting, ulong pairKey)
        {
            var s = _sim._s;
            if (s.State[other] != DiseaseState.Susceptible)
            {
                return;
            }
            ContactParameters contacts = _sim._p.Contacts;
            var hazard = _force * contacts.SettingWeight[(int)setting] * ContactShape.Of(pairKey, setting, contacts).Exposure
                * _sim._p.Disease.Susceptibility[_sim._pop.AgeBand[other]];
            if (Hash.Chance(Hash.Of(pairKey, (ulong)Purpose.Transmission, (ulong)_infector), 1 - Math.Exp(-hazard)))
            {
                _buffer.Add(((long)other << 32) | (uint)_infector);
            }
        }
    }
}
