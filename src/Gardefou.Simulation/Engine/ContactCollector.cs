using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.Engine;

/// <summary>A contact visitor that lists the contacts it is shown.</summary>
internal readonly struct ContactCollector : IContactVisitor
{
    private readonly List<(int Other, Setting Setting, ulong Key)> _into;

    public ContactCollector(List<(int Other, Setting Setting, ulong Key)> into) => _into = into;

    public void Visit(int other, Setting setting, ulong pairKey) => _into.Add((other, setting, pairKey));

    public bool Wants(int other) => true;
}
