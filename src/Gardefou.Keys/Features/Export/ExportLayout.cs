using System.Text.RegularExpressions;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// The layout of the exports under <c>/v1/exports/</c>, which a CDN in front of the server caches as it is:
/// <c>index.txt</c> lists the main series, <c>daily/index.txt</c> the daily one, each line a path relative to the
/// export root, oldest first. The files themselves live in the database (<see cref="Storage.ExportFileContentRow"/>).
/// </summary>
public static partial class ExportLayout
{
    /// <summary>The relative path of file <paramref name="number"/> of a batch.</summary>
    public static string FileOf(ExportSeries series, DateTimeOffset start, DateTimeOffset end, int number) =>
        $"{series.Name}/{start.ToUnixTimeSeconds()}-{end.ToUnixTimeSeconds()}-{number}.zip";

    /// <summary>Whether <paramref name="path"/> is a path this layout can produce (nothing else is ever served).</summary>
    public static bool IsServable(string? path) => path is not null && ServablePath().IsMatch(path);

    /// <summary>The absolute path of <paramref name="relative"/> inside <paramref name="root"/> (where older versions wrote the files).</summary>
    public static string Resolve(string root, string relative) =>
        Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    [GeneratedRegex(@"^(index\.txt|public-key\.pem|daily/index\.txt|(period|daily)/[0-9]{1,12}-[0-9]{1,12}-[0-9]{1,4}\.zip)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServablePath();
}
