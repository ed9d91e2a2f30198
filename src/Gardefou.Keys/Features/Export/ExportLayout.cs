using System.Text.RegularExpressions;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// The layout of the export directory, identical on disk and under <c>/v1/exports/</c> so that a CDN or object
/// store can serve the directory as it is: <c>index.txt</c> lists the main series, <c>daily/index.txt</c> the
/// daily one, each line a path relative to the export root, oldest first.
/// </summary>
public static partial class ExportLayout
{
    /// <summary>The series of the configured export period.</summary>
    public const string PeriodSeries = "period";

    /// <summary>The daily series.</summary>
    public const string DailySeries = "daily";

    /// <summary>The signing public key's file name.</summary>
    public const string PublicKeyFile = "public-key.pem";

    /// <summary>The index of a series, relative to the export root.</summary>
    public static string IndexOf(string series) => series == PeriodSeries ? "index.txt" : $"{series}/index.txt";

    /// <summary>The relative path of file <paramref name="number"/> of a batch.</summary>
    public static string FileOf(string series, DateTimeOffset start, DateTimeOffset end, int number) =>
        $"{series}/{start.ToUnixTimeSeconds()}-{end.ToUnixTimeSeconds()}-{number}.zip";

    /// <summary>Whether <paramref name="path"/> is a path this layout can produce (nothing else is ever served).</summary>
    public static bool IsServable(string? path) => path is not null && ServablePath().IsMatch(path);

    /// <summary>The absolute path of <paramref name="relative"/> inside <paramref name="root"/>.</summary>
    public static string Resolve(string root, string relative) =>
        Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    [GeneratedRegex(@"^(index\.txt|public-key\.pem|daily/index\.txt|(period|daily)/[0-9]{1,12}-[0-9]{1,12}-[0-9]{1,4}\.zip)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServablePath();
}
