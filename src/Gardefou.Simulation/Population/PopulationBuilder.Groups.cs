using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Population;

public static partial class PopulationBuilder
{
    // Pupils are grouped into classes inside their home commune; workers into teams inside their work commune,
    // which is their home commune or, for commuters, a commune of the same département drawn in proportion to its
    // population (the embedded data has no coordinates, so distance cannot enter). Commuters who take public
    // transport share a daily pool per département.
    private static void AssignDayGroups(SyntheticPopulation p, PopulationParameters parameters, ulong seed)
    {
        var communes = p.Communes;
        var workCommune = new int[p.Count];
        var byDepartement = communes.Select((c, i) => (c.Departement, i)).GroupBy(x => x.Departement)
            .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
        var cumulative = byDepartement.ToDictionary(kv => kv.Key, kv =>
        {
            var sum = 0.0;
            return kv.Value.Select(i => sum += p.CommuneStart[i + 1] - p.CommuneStart[i]).ToArray();
        }, StringComparer.Ordinal);
        var departementIndex = byDepartement.Keys.Order(StringComparer.Ordinal).Select((d, i) => (d, i))
            .ToDictionary(x => x.d, x => x.i, StringComparer.Ordinal);
        var transportPool = new int[p.Count];
        Parallel.For(0, p.Count, person =>
        {
            workCommune[person] = -1;
            transportPool[person] = -1;
            var band = p.AgeBand[person];
            var home = p.CommuneOf[person];
            var h = Hash.Of(seed, (ulong)Purpose.Work, (ulong)person);
            if (Hash.Chance(h, parameters.SchoolAttendance[band]))
            {
                workCommune[person] = -2 - home;
                return;
            }
            if (!Hash.Chance(Hash.Of(h, 1), parameters.EmploymentRate[band]))
            {
                return;
            }
            var rng = new RandomStream(Hash.Of(seed, (ulong)Purpose.Commute, (ulong)person));
            var dep = communes[home].Departement;
            int work = home;
            if (rng.NextDouble() < parameters.CommuteFraction)
            {
                work = byDepartement[dep][rng.NextFromCumulative(cumulative[dep])];
            }
            workCommune[person] = work;
            if (work != home && rng.NextDouble() < parameters.PublicTransportFraction)
            {
                transportPool[person] = departementIndex[dep];
            }
        });
        p.DayGroups = Group(p, workCommune, seed, parameters, p.DayGroup, p.DaySlot);
        p.TransportGroups = Pools(p, transportPool, departementIndex.Count);
    }

    // Keys: −2 − commune = school in that commune; commune ≥ 0 = workplace in that commune. People are ordered by
    // (key, random) and cut into consecutive groups, so group composition is random within a commune.
    private static GroupTable Group(SyntheticPopulation p, int[] key, ulong seed, PopulationParameters parameters, int[] groupOf, int[] slotOf)
    {
        var members = Enumerable.Range(0, p.Count).Where(i => key[i] != -1).ToArray();
        var sortKeys = new ulong[members.Length];
        for (var j = 0; j < members.Length; j++)
        {
            var k = key[members[j]];
            var bucket = k <= -2 ? (ulong)(-2 - k) : (ulong)(k + p.Communes.Count);
            sortKeys[j] = (bucket << 40) | (Hash.Of(seed, (ulong)Purpose.School, (ulong)members[j]) >> 24);
        }
        Array.Sort(sortKeys, members);
        var start = new List<int> { 0 };
        var kinds = new List<Setting>();
        var rng = new RandomStream(Hash.Of(seed, (ulong)Purpose.Work, ulong.MaxValue));
        var j0 = 0;
        while (j0 < members.Length)
        {
            var school = key[members[j0]] <= -2;
            var target = school
                ? parameters.ClassSize
                : Math.Max(2, (int)Math.Round(rng.NextLogNormal(Math.Log(parameters.WorkplaceSize), 0.6)));
            var j1 = j0;
            while (j1 < members.Length && j1 - j0 < target && key[members[j1]] == key[members[j0]])
            {
                j1++;
            }
            var g = kinds.Count;
            for (var j = j0; j < j1; j++)
            {
                groupOf[members[j]] = g;
                slotOf[members[j]] = j - j0;
            }
            kinds.Add(school ? Setting.School : Setting.Work);
            start.Add(j1);
            j0 = j1;
        }
        return new GroupTable([.. start], members, [.. kinds]);
    }

    private static GroupTable Pools(SyntheticPopulation p, int[] pool, int poolCount)
    {
        var start = new int[poolCount + 1];
        foreach (var x in pool)
        {
            if (x >= 0)
            {
                start[x + 1]++;
            }
        }
        for (var g = 0; g < poolCount; g++)
        {
            start[g + 1] += start[g];
        }
        var fill = start[..^1].ToArray();
        var members = new int[start[^1]];
        for (var person = 0; person < p.Count; person++)
        {
            var g = pool[person];
            if (g >= 0)
            {
                p.TransportGroup[person] = g;
                p.TransportSlot[person] = fill[g] - start[g];
                members[fill[g]++] = person;
            }
        }
        return new GroupTable(start, members, Enumerable.Repeat(Setting.Transport, poolCount).ToArray());
    }
}
