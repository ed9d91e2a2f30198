namespace Gardefou.Simulation.Population;

/// <summary>Groups (classes, workplace teams, transport pools) in compressed sparse rows: members of group g are <c>Members[Start[g]..Start[g+1]]</c>.</summary>
public sealed class GroupTable
{
    /// <summary>Builds a table; <paramref name="start"/> has one more entry than there are groups.</summary>
    public GroupTable(int[] start, int[] members, Setting[] kind)
    {
        Start = start;
        Members = members;
        Kind = kind;
    }

    /// <summary>Offsets into <see cref="Members"/>.</summary>
    public int[] Start { get; }

    /// <summary>Person indices, group after group.</summary>
    public int[] Members { get; }

    /// <summary>Setting of each group.</summary>
    public Setting[] Kind { get; }

    /// <summary>Number of groups.</summary>
    public int Count => Start.Length - 1;

    /// <summary>Size of group <paramref name="g"/>.</summary>
    public int Size(int g) => Start[g + 1] - Start[g];

    /// <summary>Bytes held.</summary>
    public long Bytes => (Start.LongLength + Members.LongLength) * sizeof(int) + Kind.LongLength;
}
