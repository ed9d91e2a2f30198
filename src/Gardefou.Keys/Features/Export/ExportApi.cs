using Gardefou.Hosting.Problems;
using Gardefou.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// <c>GET /v1/exports/…</c>: the export files as a CDN in front of the server caches them (zips forever), read from
/// the database so any instance sharing it serves every listed file, plus the incremental form
/// <c>index.txt?after=&lt;path&gt;</c> that returns only the lines newer than the path a client last saw.
/// </summary>
public static class ExportApi
{
    /// <summary>Maps the export endpoints.</summary>
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/exports").WithTags("Exports");
        group.MapGet("/" + ExportSeries.Period.IndexPath, (string? after, KeysDbContext db, CancellationToken ct) => IndexAsync(db, ExportSeries.Period, after, ct))
            .WithName("ExportIndex")
            .WithSummary("Export files of the main series, one relative path per line, oldest first; ?after=<path> returns only newer lines.");
        group.MapGet("/" + ExportSeries.Daily.IndexPath, (string? after, KeysDbContext db, CancellationToken ct) => IndexAsync(db, ExportSeries.Daily, after, ct))
            .WithName("DailyExportIndex")
            .WithSummary("Export files of the daily series; same format as index.txt.");
        group.MapGet("/public-key.pem", (KeysSecrets secrets) =>
                TypedResults.Text(secrets.ExportPublicKeyPem, "application/x-pem-file"))
            .WithName("ExportPublicKey")
            .WithSummary("The ECDSA P-256 public key (SubjectPublicKeyInfo PEM) that verifies export signatures.");
        group.MapGet("/{**path}", FileAsync)
            .WithName("ExportFile")
            .WithSummary("One export zip (export.bin + export.sig) named in an index.");
        return endpoints;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> IndexAsync(KeysDbContext db, ExportSeries series, string? after, CancellationToken ct)
    {
        var lines = await ExportIndex.ReadAsync(db, series, ct);
        if (after is not null)
        {
            if (!ExportLayout.IsServable(after))
            {
                return Problem.BadRequest("after must be a path listed in the index.");
            }
            var seen = lines.IndexOf(after);
            // A path that is no longer listed (deleted by retention) means the client is far behind: give it everything.
            lines = seen < 0 ? lines : lines[(seen + 1)..];
        }
        return TypedResults.Text(lines.Count == 0 ? "" : string.Join('\n', lines) + "\n", "text/plain; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(string path, KeysDbContext db, HttpContext context, CancellationToken ct)
    {
        // The pattern check comes first: nothing that is not a layout path ever reaches the database.
        var content = ExportLayout.IsServable(path) && path.EndsWith(".zip", StringComparison.Ordinal)
            ? await ExportIndex.ReadFileAsync(db, path, ct)
            : null;
        if (content is null)
        {
            return Problem.NotFound("No such export file.");
        }
        // File names carry their window, so a file never changes once listed.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.File(content, "application/zip");
    }
}
