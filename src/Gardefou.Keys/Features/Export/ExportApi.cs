using Gardefou.Hosting.Problems;
using Gardefou.Keys.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// <c>GET /v1/exports/…</c>: the export directory as a CDN would serve it, plus the incremental form
/// <c>index.txt?after=&lt;path&gt;</c> that returns only the lines newer than the path a client last saw.
/// </summary>
public static class ExportApi
{
    /// <summary>Maps the export endpoints.</summary>
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/exports").WithTags("Exports");
        group.MapGet("/index.txt", (string? after, KeysStorage storage) => Index(storage, ExportLayout.PeriodSeries, after))
            .WithName("ExportIndex")
            .WithSummary("Export files of the main series, one relative path per line, oldest first; ?after=<path> returns only newer lines.");
        group.MapGet("/daily/index.txt", (string? after, KeysStorage storage) => Index(storage, ExportLayout.DailySeries, after))
            .WithName("DailyExportIndex")
            .WithSummary("Export files of the daily series; same format as index.txt.");
        group.MapGet("/public-key.pem", (KeysSecrets secrets) =>
                TypedResults.Text(secrets.ExportPublicKeyPem, "application/x-pem-file"))
            .WithName("ExportPublicKey")
            .WithSummary("The ECDSA P-256 public key (SubjectPublicKeyInfo PEM) that verifies export signatures.");
        group.MapGet("/{**path}", File)
            .WithName("ExportFile")
            .WithSummary("One export zip (export.bin + export.sig) named in an index.");
        return endpoints;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Index(KeysStorage storage, string series, string? after)
    {
        var path = ExportLayout.Resolve(storage.ExportDirectory, ExportLayout.IndexOf(series));
        var lines = System.IO.File.Exists(path) ? System.IO.File.ReadAllLines(path) : [];
        if (after is not null)
        {
            if (!ExportLayout.IsServable(after))
            {
                return Problem.BadRequest("after must be a path listed in the index.");
            }
            var seen = Array.IndexOf(lines, after);
            // A path that is no longer listed (deleted by retention) means the client is far behind: give it everything.
            lines = seen < 0 ? lines : lines[(seen + 1)..];
        }
        return TypedResults.Text(lines.Length == 0 ? "" : string.Join('\n', lines) + "\n", "text/plain; charset=utf-8");
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> File(string path, KeysStorage storage, HttpContext context)
    {
        if (!ExportLayout.IsServable(path) || !path.EndsWith(".zip", StringComparison.Ordinal))
        {
            return Problem.NotFound("No such export file.");
        }
        var physical = ExportLayout.Resolve(Path.GetFullPath(storage.ExportDirectory), path);
        if (!System.IO.File.Exists(physical))
        {
            return Problem.NotFound("No such export file.");
        }
        // File names carry their window, so a file never changes once listed.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(physical, "application/zip");
    }
}
