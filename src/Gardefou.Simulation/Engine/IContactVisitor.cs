using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Engine;

/// <summary>Receives each contact of a person on a day; implemented by structs so the walk is inlined and allocation-free.</summary>
internal interface IContactVisitor
{
    /// <summary>One contact with <paramref name="other"/>; <paramref name="pairKey"/> identifies the contact identically from both ends.</summary>
    void Visit(int other, Setting setting, ulong pairKey);

    /// <summary>
    /// False when nothing a contact with <paramref name="other"/> could bring matters to this visitor (transmission:
    /// <paramref name="other"/> is not susceptible): the walker then skips the contact's key and draws, which changes
    /// nothing else since every draw is a pure function of its key.
    /// </summary>
    bool Wants(int other);
}
