using Gardefou.Keys.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Features.Export;

/// <summary>The <c>index.txt</c> of a series, read from the database so every instance sharing it answers the same.</summary>
public static class ExportIndex
{
    /// <summary>
    /// The paths of a series, oldest first. Only files whose bytes are in the database are listed, so a listed file
    /// is always servable (a file row imported from an older version without its bytes stays unlisted).
    /// </summary>
    public static Task<List<string>> ReadAsync(KeysDbContext db, ExportSeries series, CancellationToken ct)
    {
        var name = series.Name;
        return db.ExportFiles.AsNoTracking()
            .Where(f => f.Series == name && db.ExportFileContents.Any(c => c.Path == f.Path))
            .OrderBy(f => f.WindowEnd).ThenBy(f => f.Id)
            .Select(f => f.Path)
            .ToListAsync(ct);
    }

    /// <summary>The bytes of the export file at <paramref name="path"/>, or null when no such file is stored.</summary>
    public static Task<byte[]?> ReadFileAsync(KeysDbContext db, string path, CancellationToken ct) =>
        db.ExportFileContents.AsNoTracking()
            .Where(c => c.Path == path)
            .Select(c => c.Content)
            .SingleOrDefaultAsync(ct);
}
