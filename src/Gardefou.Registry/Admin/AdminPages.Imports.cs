using System.Text;
using Gardefou.Hosting.Html;
using Gardefou.Hosting.Problems;
using Gardefou.Registry.Admin.Pages;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Http;
using Gardefou.Registry.Imports;
using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gardefou.Registry.Admin;

internal static partial class AdminPages
{
    private const long MaxImportBytes = 20 * 1024 * 1024;

    /// <summary>
    /// <c>POST /registry/admin/import/{test-sites|hospital-capacity|smart}</c> (multipart). Answers JSON when the
    /// client accepts it, else a page; either lists each bad row with its line and reason. Valid rows are imported.
    /// </summary>
    private static async Task<IResult> Import(string format, HttpContext context, RegistryDbContext db, RegistryState state, TimeProvider time, CancellationToken ct)
    {
        if (await GuardAsync(context, db, time, ct) is { } denied)
        {
            return denied;
        }
        if (context.Request.ContentLength > MaxImportBytes)
        {
            return Problem.Result(StatusCodes.Status413PayloadTooLarge, "Import too large", $"At most {MaxImportBytes} bytes.");
        }
        // Chunked uploads carry no Content-Length: cap what Kestrel will read at all.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Problem.Result(StatusCodes.Status400BadRequest, "Unreadable upload", "Send a multipart/form-data body of at most 20 MB.");
        }
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in form.Files)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            files[Path.GetFileName(file.FileName)] = await reader.ReadToEndAsync(ct);
        }
        var now = time.GetUtcNow();
        (List<ImportedSite> Rows, List<ImportError> Errors) parsed;
        switch (format)
        {
            case "test-sites" when files.Count == 1:
                parsed = TestSitesCsvImporter.Parse(files.Values.Single(), now, state.Freshness.TimeToLive);
                break;
            case "hospital-capacity" when files.Count == 1:
                parsed = HospitalCapacityCsvImporter.Parse(files.Values.Single(), now);
                break;
            case "smart" when files.Keys.FirstOrDefault(k => k.Contains("bulk-publish", StringComparison.Ordinal) || k.EndsWith("manifest.json", StringComparison.Ordinal)) is { } manifest:
                parsed = SmartSchedulingImporter.Parse(files[manifest], files, now, state.Freshness.TimeToLive(ResourceCategory.Test));
                break;
            default:
                return Problem.Result(StatusCodes.Status400BadRequest, "Unknown import",
                    "Formats: test-sites (one CSV), hospital-capacity (one CSV), smart ($bulk-publish manifest plus its NDJSON files).");
        }
        var imported = await ImportWriter.WriteAsync(db, state, parsed.Rows, $"import:{format}", now, ct);
        var report = new ImportReport(imported, parsed.Errors);
        if (context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Json(report, RegistryJson.Options);
        }
        return RazorPage.Render<ImportReportPage>(new Dictionary<string, object?>
        {
            [nameof(ImportReportPage.Format)] = format,
            [nameof(ImportReportPage.Report)] = report,
        });
    }
}
