using Gardefou.Keys.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Features.Export;

/// <summary>The <c>index.txt</c> of a series, always rebuilt from the database so every instance writes the same one.</summary>
public static class ExportIndex
{
    /// <summary>Rewrites a series' index (oldest first) atomically when its content changed; called after the files are in place.</summary>
    public static async Task RewriteAsync(KeysDbContext db, KeysStorage storage, string series, CancellationToken ct)
    {
        var paths = await db.ExportFiles.AsNoTracking()
            .Where(f => f.Series == series)
            .OrderBy(f => f.WindowEnd).ThenBy(f => f.Id)
            .Select(f => f.Path)
            .ToListAsync(ct);
        var content = paths.Count == 0 ? "" : string.Join('\n', paths) + "\n";
        var index = ExportLayout.Resolve(storage.ExportDirectory, ExportLayout.IndexOf(series));
        if (File.Exists(index) && await File.ReadAllTextAsync(index, ct) == content)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(index)!);
        await AtomicFile.WriteAllTextAsync(index, content, ct);
    }
}
