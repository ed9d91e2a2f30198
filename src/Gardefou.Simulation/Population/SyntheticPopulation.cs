using Gardefou.Simulation.Places;

namespace Gardefou.Simulation.Population;

/// <summary>
/// The agents, as structure-of-arrays (one array per attribute, indexed by person), grouped so that the people
/// of a commune are contiguous and the members of a household are contiguous inside it. Immutable once built;
/// epidemic and intervention state lives in <see cref="Engine.AgentState"/>.
/// </summary>
public sealed class SyntheticPopulation
{
    internal SyntheticPopulation(int count, IReadOnlyList<Commune> communes)
    {
        Count = count;
        Communes = communes;
        AgeBand = new byte[count];
        CommuneOf = new ushort[count];
        HouseholdStart = new int[count];
        HouseholdSize = new byte[count];
        DayGroup = new int[count];
        DaySlot = new int[count];
        TransportGroup = new int[count];
        TransportSlot = new int[count];
        CommuneStart = new int[communes.Count + 1];
        DayGroups = new GroupTable([0], [], []);
        TransportGroups = new GroupTable([0], [], []);
    }

    /// <summary>Number of people.</summary>
    public int Count { get; }

    /// <summary>The communes they live in.</summary>
    public IReadOnlyList<Commune> Communes { get; }

    /// <summary>People of commune c are <c>[CommuneStart[c], CommuneStart[c+1])</c>.</summary>
    public int[] CommuneStart { get; }

    /// <summary>10-year age band 0 (0–9) … 8 (80+).</summary>
    public byte[] AgeBand { get; }

    /// <summary>Index of the home commune in <see cref="Communes"/>.</summary>
    public ushort[] CommuneOf { get; }

    /// <summary>First person of the household.</summary>
    public int[] HouseholdStart { get; }

    /// <summary>Household size.</summary>
    public byte[] HouseholdSize { get; }

    /// <summary>School class or workplace team, −1 for none.</summary>
    public int[] DayGroup { get; }

    /// <summary>Slot inside the day group.</summary>
    public int[] DaySlot { get; }

    /// <summary>Public-transport pool, −1 for none.</summary>
    public int[] TransportGroup { get; }

    /// <summary>Slot inside the transport pool.</summary>
    public int[] TransportSlot { get; }

    /// <summary>Classes and workplace teams.</summary>
    public GroupTable DayGroups { get; internal set; }

    /// <summary>Transport pools.</summary>
    public GroupTable TransportGroups { get; internal set; }

    /// <summary>Bytes held by the arrays above.</summary>
    public long Bytes =>
        Count * (1L + 2 + 4 + 1 + 4 + 4 + 4 + 4) + CommuneStart.LongLength * 4 + DayGroups.Bytes + TransportGroups.Bytes;

    /// <summary>Number of people per age band.</summary>
    public long[] AgeHistogram()
    {
        var h = new long[9];
        foreach (var a in AgeBand)
        {
            h[a]++;
        }
        return h;
    }
}
