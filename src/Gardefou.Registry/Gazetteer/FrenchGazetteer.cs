using System.Globalization;
using System.IO.Compression;

namespace Gardefou.Registry.Gazetteer;

/// <summary>
/// Resolves a postcode, an INSEE code or a commune name (accent and case insensitive) to a point, from the
/// derived file shipped in this assembly (see Gazetteer/Data/ATTRIBUTION.md).
/// </summary>
public sealed class FrenchGazetteer
{
    internal const string CommunesResource = "Gardefou.Registry.Gazetteer.Data.communes.tsv.gz";
    internal const string CountriesResource = "Gardefou.Registry.Gazetteer.Data.countries.geojson.gz";
    internal const string BasemapResource = "Gardefou.Registry.Gazetteer.Data.basemap.json.gz";
    private static readonly Lazy<FrenchGazetteer> s_shared = new(() => Load(OpenResource(CommunesResource)));

    private readonly Dictionary<string, List<GazetteerPlace>> _byPostcode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GazetteerPlace>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GazetteerPlace> _byCode = new(StringComparer.Ordinal);

    private FrenchGazetteer(List<GazetteerPlace> located)
    {
        Located = located;
        foreach (var place in located)
        {
            _byCode[place.Code] = place;
            Add(_byName, PlaceNames.Fold(place.Name), place);
            foreach (var postcode in place.Postcodes)
            {
                Add(_byPostcode, postcode, place);
            }
        }
        foreach (var list in _byName.Values.Concat(_byPostcode.Values))
        {
            // Exact points first, then the largest: "Saint-Denis" means the one most people mean.
            list.Sort(static (a, b) => a.Approximate != b.Approximate ? a.Approximate.CompareTo(b.Approximate) : b.Population.CompareTo(a.Population));
        }
    }

    /// <summary>The gazetteer shipped in this assembly, loaded once.</summary>
    public static FrenchGazetteer Shared => s_shared.Value;

    /// <summary>Every commune with a point (own or borrowed), for demo data.</summary>
    public IReadOnlyList<GazetteerPlace> Located { get; }

    /// <summary>Resolves a postcode ("69003"), an INSEE code ("69123") or a name ("saint-etienne", "Lyon").</summary>
    public GazetteerPlace? Resolve(string? query)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > 100)
        {
            return null;
        }
        var text = query.Trim();
        if (_byPostcode.TryGetValue(text, out var byPostcode))
        {
            return byPostcode[0];
        }
        if (_byCode.TryGetValue(text.ToUpperInvariant(), out var byCode))
        {
            return byCode;
        }
        return _byName.TryGetValue(PlaceNames.Fold(text), out var byName) ? byName[0] : null;
    }

    internal static Stream OpenResource(string name) => OpenResourceFrom(typeof(FrenchGazetteer).Assembly, name);

    internal static Stream OpenResourceFrom(System.Reflection.Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {assembly.GetName().Name}.");

    internal static FrenchGazetteer Load(Stream gzip)
    {
        using var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress));
        var all = new List<(string Code, string Name, string[] Postcodes, int Population, string Dept, double? Lat, double? Lon)>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            double? lat = f[5].Length > 0 ? double.Parse(f[5], CultureInfo.InvariantCulture) : null;
            double? lon = f[6].Length > 0 ? double.Parse(f[6], CultureInfo.InvariantCulture) : null;
            all.Add((f[0], f[1], f[2].Split(' ', StringSplitOptions.RemoveEmptyEntries), int.Parse(f[3], CultureInfo.InvariantCulture), f[4], lat, lon));
        }
        // A commune without a point borrows that of the largest located commune sharing a postcode, else of its
        // département's largest; it is flagged approximate.
        var pointByPostcode = new Dictionary<string, (int Population, double Lat, double Lon)>();
        var pointByDept = new Dictionary<string, (int Population, double Lat, double Lon)>();
        foreach (var c in all.Where(c => c.Lat is not null))
        {
            foreach (var p in c.Postcodes)
            {
                if (!pointByPostcode.TryGetValue(p, out var best) || c.Population > best.Population)
                {
                    pointByPostcode[p] = (c.Population, c.Lat!.Value, c.Lon!.Value);
                }
            }
            if (!pointByDept.TryGetValue(c.Dept, out var bestDept) || c.Population > bestDept.Population)
            {
                pointByDept[c.Dept] = (c.Population, c.Lat!.Value, c.Lon!.Value);
            }
        }
        var located = new List<GazetteerPlace>(all.Count);
        foreach (var c in all)
        {
            if (c.Lat is { } lat && c.Lon is { } lon)
            {
                located.Add(new GazetteerPlace(c.Code, c.Name, c.Postcodes, c.Population, c.Dept, lat, lon, Approximate: false));
                continue;
            }
            var borrowed = c.Postcodes.Where(pointByPostcode.ContainsKey).Select(p => pointByPostcode[p]).FirstOrDefault();
            if (borrowed == default && !pointByDept.TryGetValue(c.Dept, out borrowed))
            {
                continue;
            }
            located.Add(new GazetteerPlace(c.Code, c.Name, c.Postcodes, c.Population, c.Dept, borrowed.Lat, borrowed.Lon, Approximate: true));
        }
        return new FrenchGazetteer(located);
    }

    private static void Add(Dictionary<string, List<GazetteerPlace>> map, string key, GazetteerPlace place)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(place);
    }
}
