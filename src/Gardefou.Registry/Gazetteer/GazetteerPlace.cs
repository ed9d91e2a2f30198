namespace Gardefou.Registry.Gazetteer;

/// <summary>
/// A French commune (or municipal arrondissement) with its point. <c>Approximate</c> is true when the commune has no
/// point of its own and borrowed a neighbour's.
/// </summary>
public sealed record GazetteerPlace(
    string Code,
    string Name,
    IReadOnlyList<string> Postcodes,
    int Population,
    string Departement,
    double Latitude,
    double Longitude,
    bool Approximate);
