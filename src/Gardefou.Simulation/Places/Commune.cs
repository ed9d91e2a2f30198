namespace Gardefou.Simulation.Places;

/// <summary>A French commune from the INSEE Code officiel géographique (via @etalab/decoupage-administratif).</summary>
/// <param name="Code">INSEE code, 5 characters (e.g. 75056 for Paris).</param>
/// <param name="Name">Official name.</param>
/// <param name="Departement">Département code (2 or 3 characters).</param>
/// <param name="Region">Région code.</param>
/// <param name="Population">Legal population.</param>
public sealed record Commune(string Code, string Name, string Departement, string Region, int Population);
