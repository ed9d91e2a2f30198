using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Engine;

/// <summary>Receives each contact of a person on a day; implemented by structs so the walk is inlined and allocation-free.</summary>
internal interface IContactVisitor
{
    /// <summary>One contact with <paramref name="other"/>; <paramref name="pairKey"/> identifies the contact identically from both ends.</summary>
    void Visit(int other, Setting setting, ulong pairKey);
}
