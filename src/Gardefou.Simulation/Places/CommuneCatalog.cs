using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Gardefou.Simulation.Places;

/// <summary>
/// The 34,957 current French communes with their population, read from the compact file embedded in this
/// assembly (Data/communes.csv.gz, derived by Data/derive-communes.sh; see Data/ATTRIBUTION.md).
/// </summary>
public sealed class CommuneCatalog
{
    private static readonly Lazy<CommuneCatalog> s_france = new(() => Load(OpenEmbedded()));

    private CommuneCatalog(IReadOnlyList<Commune> communes) => Communes = communes;

    /// <summary>All communes, sorted by INSEE code.</summary>
    public IReadOnlyList<Commune> Communes { get; }

    /// <summary>The embedded catalogue of France.</summary>
    public static CommuneCatalog France => s_france.Value;

    /// <summary>Reads a gzip-compressed CSV with header <c>code,name,departement,region,population</c>.</summary>
    public static CommuneCatalog Load(System.IO.Stream gzipCsv)
    {
        using var reader = new StreamReader(new GZipStream(gzipCsv, CompressionMode.Decompress), Encoding.UTF8);
        var header = reader.ReadLine();
        if (header != "code,name,departement,region,population")
        {
            throw new InvalidDataException("communes file: unexpected header");
        }
        var list = new List<Commune>(35_000);
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            if (f.Length != 5 || !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var population))
            {
                throw new InvalidDataException($"communes file: malformed line {list.Count + 2}");
            }
            list.Add(new Commune(f[0], f[1], f[2], f[3], population));
        }
        return new CommuneCatalog(list);
    }

    /// <summary>
    /// Selects communes by name (case- and accent-insensitive), INSEE code or département code. Each selector may
    /// match several communes; an empty list selects all of France. Throws <see cref="ArgumentException"/> naming
    /// the selector that matched nothing.
    /// </summary>
    public IReadOnlyList<Commune> Select(IEnumerable<string> selectors)
    {
        var wanted = selectors.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (wanted.Count == 0)
        {
            return Communes;
        }
        var chosen = new SortedDictionary<string, Commune>(StringComparer.Ordinal);
        foreach (var selector in wanted)
        {
            var key = Fold(selector);
            var matches = Communes.Where(c => c.Code == selector).ToList();
            if (matches.Count == 0)
            {
                matches = Communes.Where(c => c.Departement.Equals(selector, StringComparison.OrdinalIgnoreCase)).ToList();
            }
            if (matches.Count == 0)
            {
                matches = Communes.Where(c => Fold(c.Name) == key).ToList();
            }
            if (matches.Count == 0)
            {
                throw new ArgumentException($"no commune or département matches '{selector}'");
            }
            foreach (var c in matches)
            {
                chosen[c.Code] = c;
            }
        }
        return chosen.Values.ToList();
    }

    // The build runs with invariant globalization (no ICU normalisation), so French diacritics are folded by table.
    private static string Fold(string text)
    {
        const string from = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ";
        const string to = "aaaaaaceeeeiiiinooooouuuuyy";
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var ch = char.ToLowerInvariant(raw);
            var i = from.IndexOf(ch, StringComparison.Ordinal);
            if (i >= 0)
            {
                sb.Append(to[i]);
            }
            else if (ch == 'œ')
            {
                sb.Append("oe");
            }
            else if (ch == 'æ')
            {
                sb.Append("ae");
            }
            else
            {
                sb.Append(ch is '-' or '\'' or '’' ? ' ' : ch);
            }
        }
        return sb.ToString();
    }

    private static System.IO.Stream OpenEmbedded() =>
        typeof(CommuneCatalog).Assembly.GetManifestResourceStream("Gardefou.Simulation.Data.communes.csv.gz")
        ?? throw new InvalidOperationException("embedded communes file missing");
}
