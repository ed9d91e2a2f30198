using Gardefou.Hosting.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gardefou.Registry.Publication;

/// <summary>
/// <c>GET /registry/static/{path}</c>: the published files, with strong ETags (304 on If-None-Match) and a short
/// public max-age, the same bytes a CDN or mirror would serve. Only files the publisher wrote are served.
/// </summary>
internal static class StaticFilesApi
{
    public static IEndpointRouteBuilder MapStaticPublication(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/registry/static/{**path}", Serve);
        return endpoints;
    }

    internal static IResult Serve(string? path, HttpContext context, StaticPublisher publisher)
    {
        // The lookup is in the publisher's own table of written files, so no path can reach outside the folder.
        if (path is null || !publisher.TryGetFile(path, out var file))
        {
            return Problem.NotFound("No such published file.");
        }
        var headers = context.Response.Headers;
        headers.ETag = file.ETag;
        headers.CacheControl = "public, max-age=30";
        headers["Access-Control-Allow-Origin"] = "*";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == file.ETag || t.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var contentType = Path.GetExtension(file.Path) switch
        {
            ".json" => "application/json",
            ".geojson" => "application/geo+json",
            ".ndjson" => "application/fhir+ndjson",
            ".pem" => "application/x-pem-file",
            ".sig" => "text/plain",
            _ => "application/json",
        };
        return TypedResults.PhysicalFile(Path.GetFullPath(Path.Combine(publisher.Directory, file.Path)), contentType);
    }
}
