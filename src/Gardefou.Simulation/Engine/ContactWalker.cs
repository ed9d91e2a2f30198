using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Engine;

/// <summary>
/// Generates a person's contacts for a day from the seed alone, without storing any contact: households are
/// listed, every other layer pairs its members through keyed Feistel permutations (one per group, day and round).
/// The same call made later (by tracing) returns the same contacts, and A meets B exactly when B meets A.
/// </summary>
internal readonly struct ContactWalker
{
    private readonly SyntheticPopulation _population;
    private readonly AgentState _state;
    private readonly ContactParameters _contacts;
    private readonly ulong _seed;
    private readonly int _hospitalDelay;
    private readonly double _travelChance;
    private readonly double _shielding;

    public ContactWalker(SyntheticPopulation population, AgentState state, SimulationParameters parameters)
    {
        _population = population;
        _state = state;
        _contacts = parameters.Contacts;
        _seed = parameters.Seed;
        _hospitalDelay = parameters.Disease.OnsetToHospitalDays;
        // Both ends must take part in the round for a pair to meet, so each does with √(contacts per day).
        _shielding = Math.Clamp(parameters.Interventions.ShieldingOver70ContactFactor, 0, 1);
        _travelChance = Math.Sqrt(Math.Clamp(parameters.Contacts.TravelContactsPerDay, 0, 1));
    }

    /// <summary>
    /// Visits the contacts of <paramref name="person"/> on <paramref name="day"/>. <paramref name="activity"/> scales the
    /// non-household layers (lockdown). Household contacts happen unless one side is in hospital (or isolation excludes
    /// them); other contacts need both people out.
    /// </summary>
    public void Walk<TVisitor>(int person, int day, double activity, bool householdDuringIsolation, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var p = _population;
        var isOut = _state.IsOut(person, day);
        if (!InHospital(person, day) && (isOut || householdDuringIsolation))
        {
            var start = p.HouseholdStart[person];
            var end = start + p.HouseholdSize[person];
            for (var other = start; other < end; other++)
            {
                if (other != person && visitor.Wants(other) && !InHospital(other, day) && _state.State[other] != DiseaseState.Dead
                    && (householdDuringIsolation || _state.IsOut(other, day)))
                {
                    visitor.Visit(other, Setting.Home, PairKey(person, other, day, 0));
                }
            }
        }
        if (!isOut)
        {
            return;
        }
        var workday = day % 7 < _contacts.WorkdaysPerWeek;
        var group = p.DayGroup[person];
        if (workday && group >= 0)
        {
            var setting = p.DayGroups.Kind[group];
            var rounds = setting == Setting.School ? _contacts.SchoolRounds : _contacts.WorkRounds;
            WalkGroup(p.DayGroups, group, p.DaySlot[person], 1, rounds, setting, person, day, activity, ref visitor);
        }
        var pool = p.TransportGroup[person];
        if (workday && pool >= 0)
        {
            WalkGroup(p.TransportGroups, pool, p.TransportSlot[person], 2, _contacts.TransportRounds, Setting.Transport, person, day, activity, ref visitor);
        }
        WalkRandom(person, day, activity, ref visitor);
        WalkTravel(person, day, activity, ref visitor);
    }

    /// <summary>Visits the people around a phone hook in a person's day group (left-behind-phone layer).</summary>
    public void WalkHook<TVisitor>(int person, int day, int rounds, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var group = _population.DayGroup[person];
        if (group < 0 || day % 7 >= _contacts.WorkdaysPerWeek)
        {
            return;
        }
        var table = _population.DayGroups;
        var size = table.Size(group);
        for (var r = 0; r < rounds && size > 1; r++)
        {
            var perm = new FeistelPermutation(Hash.Of(_seed, (ulong)Purpose.Pairing, 3, (ulong)group, ((ulong)day << 8) | (uint)r), size);
            var slot = perm.Partner(_population.DaySlot[person]);
            if (slot >= 0)
            {
                var other = table.Members[table.Start[group] + slot];
                visitor.Visit(other, Setting.LeftBehindPhone, PairKey(person, other, day, 64 + r));
            }
        }
    }

    public bool InHospital(int person, int day)
    {
        if ((_state.Outcome[person] & AgentState.Hospitalised) == 0 || _state.State[person] != DiseaseState.Infected)
        {
            return false;
        }
        var incubation = _state.Incubation[person];
        return incubation != AgentState.NoSymptoms && day - _state.InfectedDay[person] >= incubation + _hospitalDelay;
    }

    private void WalkGroup<TVisitor>(GroupTable table, int group, int slot, ulong layer, int rounds, Setting setting, int person, int day, double activity, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var size = table.Size(group);
        if (size < 2)
        {
            return;
        }
        for (var r = 0; r < rounds; r++)
        {
            var perm = new FeistelPermutation(Hash.Of(_seed, (ulong)Purpose.Pairing, layer, (ulong)group, ((ulong)day << 8) | (uint)r), size);
            var partnerSlot = perm.Partner(slot);
            if (partnerSlot < 0)
            {
                continue;
            }
            var other = table.Members[table.Start[group] + partnerSlot];
            if (!visitor.Wants(other))
            {
                continue;
            }
            var key = PairKey(person, other, day, (int)layer * 16 + r);
            var pairActivity = activity * Shielding(person, other);
            if (pairActivity < 1 && !Hash.Chance(Hash.Of(key, (ulong)Purpose.Activity), pairActivity))
            {
                continue;
            }
            if (_state.IsOut(other, day))
            {
                visitor.Visit(other, setting, key);
            }
        }
    }

    private void WalkRandom<TVisitor>(int person, int day, double activity, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        var p = _population;
        var commune = p.CommuneOf[person];
        var start = p.CommuneStart[commune];
        var size = p.CommuneStart[commune + 1] - start;
        if (size < 2)
        {
            return;
        }
        var mine = _contacts.RandomActivity[p.AgeBand[person]];
        for (var r = 0; r < _contacts.RandomRounds; r++)
        {
            var perm = new FeistelPermutation(Hash.Of(_seed, (ulong)Purpose.Pairing, 4, commune, ((ulong)day << 8) | (uint)r), size);
            var partnerSlot = perm.Partner(person - start);
            if (partnerSlot < 0)
            {
                continue;
            }
            var other = start + partnerSlot;
            if (!visitor.Wants(other))
            {
                continue;
            }
            var key = PairKey(person, other, day, 64 + 32 + r);
            var both = Math.Sqrt(mine * _contacts.RandomActivity[p.AgeBand[other]]) * activity * Shielding(person, other);
            if (Hash.Chance(Hash.Of(key, (ulong)Purpose.Activity), both) && _state.IsOut(other, day))
            {
                visitor.Visit(other, Setting.Random, key);
            }
        }
    }

    // One nationwide round a day: the people who travel that day are paired across the whole population (a random
    // contact, as far as duration, distance and tracing go).
    private void WalkTravel<TVisitor>(int person, int day, double activity, ref TVisitor visitor)
        where TVisitor : struct, IContactVisitor
    {
        if (_travelChance <= 0 || !Travels(person, day))
        {
            return;
        }
        var perm = new FeistelPermutation(Hash.Of(_seed, (ulong)Purpose.Pairing, 5, 0, (ulong)day << 8), _population.Count);
        var other = perm.Partner(person);
        if (other < 0 || !visitor.Wants(other) || !Travels(other, day))
        {
            return;
        }
        var key = PairKey(person, other, day, TravelLayer);
        var pairActivity = activity * Shielding(person, other);
        if ((pairActivity >= 1 || Hash.Chance(Hash.Of(key, (ulong)Purpose.Activity), pairActivity)) && _state.IsOut(other, day))
        {
            visitor.Visit(other, Setting.Random, key);
        }
    }

    private const int TravelLayer = 200;

    // Age bands 7 (70–79) and 8 (80+) are shielded; the factor applies once per shielded end of the contact.
    private double Shielding(int a, int b) =>
        _shielding >= 1 ? 1 : (_population.AgeBand[a] >= 7 ? _shielding : 1) * (_population.AgeBand[b] >= 7 ? _shielding : 1);

    private bool Travels(int person, int day) => Hash.Chance(Hash.Of(_seed, (ulong)Purpose.Travel, (ulong)person, (ulong)day), _travelChance);

    /// <summary>A key that is the same from both ends of a contact.</summary>
    private ulong PairKey(int a, int b, int day, int layerRound)
    {
        var (lo, hi) = a < b ? (a, b) : (b, a);
        return Hash.Of(_seed, ((ulong)(uint)lo << 32) | (uint)hi, ((ulong)(uint)day << 8) | (uint)layerRound);
    }
}
