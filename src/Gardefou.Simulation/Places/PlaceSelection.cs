using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Randomness;

namespace Gardefou.Simulation.Places;

/// <summary>Turns <see cref="PopulationParameters.Places"/> and <see cref="PopulationParameters.Size"/> into the communes to build.</summary>
public static class PlaceSelection
{
    /// <summary>
    /// Named places are taken whole and later scaled to the requested size. With no place named and a size below
    /// France's, whole communes are sampled in a seeded random order until they hold that many people, so that a
    /// "France-like" million keeps real villages, towns and cities instead of shrinking every commune 69-fold.
    /// </summary>
    public static IReadOnlyList<Commune> Resolve(CommuneCatalog catalog, PopulationParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var selected = catalog.Select(parameters.Places);
        if (parameters.Places.Count > 0 || parameters.Size is not { } size || size >= selected.Sum(c => (long)c.Population))
        {
            return selected;
        }
        var order = selected.Select((c, i) => (c, key: Hash.Of(seed, (ulong)Purpose.Scaling, 99, (ulong)i))).OrderBy(x => x.key).ToList();
        var chosen = new List<Commune>();
        long total = 0;
        foreach (var (c, _) in order)
        {
            if (total >= size || chosen.Count >= ushort.MaxValue)
            {
                break;
            }
            chosen.Add(c);
            total += c.Population;
        }
        return chosen.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
    }
}
