using System.Collections.Frozen;
using Gardefou.Hosting.Problems;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry.Pages;

internal static partial class PublicPages
{
    /// <summary>No script, style, font or image from anywhere but this host; nothing may frame the page.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> s_assets = new Dictionary<string, (string, string)>
    {
        ["app.js"] = ("app.js", "text/javascript; charset=utf-8"),
        ["map.js"] = ("map.js", "text/javascript; charset=utf-8"),
        ["i18n.js"] = ("i18n.js", "text/javascript; charset=utf-8"),
        ["app.css"] = ("app.css", "text/css; charset=utf-8"),
        ["operator.js"] = ("operator.js", "text/javascript; charset=utf-8"),
        // The PMTiles reader (npm pmtiles 4.5.0, BSD-3-Clause; Pages/Assets/ATTRIBUTION.md), used only when an
        // operator configures a self-hosted basemap.
        ["pmtiles.js"] = ("pmtiles.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary();

    private static readonly Lazy<byte[]> s_communes = new(() => ReadAll(FrenchGazetteer.OpenResource(FrenchGazetteer.CommunesResource)));
    private static readonly Lazy<byte[]> s_countries = new(() => ReadAll(FrenchGazetteer.OpenResource(FrenchGazetteer.CountriesResource)));
    private static readonly Lazy<byte[]> s_basemap = new(() => ReadAll(FrenchGazetteer.OpenResource(FrenchGazetteer.BasemapResource)));

    private static void MapAssets(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext c) => Asset(c, "index.html", "text/html; charset=utf-8"));
        endpoints.MapGet("/registry", (HttpContext c) => Asset(c, "index.html", "text/html; charset=utf-8"));
        endpoints.MapGet("/registry/operator", (HttpContext c) => Asset(c, "operator.html", "text/html; charset=utf-8"));
        endpoints.MapGet("/registry/assets/{name}", (string name, HttpContext c) =>
            s_assets.TryGetValue(name, out var asset) ? Asset(c, asset.Resource, asset.ContentType)
                : Problem.NotFound("No such asset."));
        // The gazetteer and outlines are stored gzip-compressed and sent as they are, with Content-Encoding.
        endpoints.MapGet("/registry/data/communes.tsv", (HttpContext c) => Gzipped(c, s_communes.Value, "text/tab-separated-values; charset=utf-8"));
        endpoints.MapGet("/registry/data/countries.geojson", (HttpContext c) => Gzipped(c, s_countries.Value, "application/geo+json"));
        endpoints.MapGet("/registry/data/basemap.json", (HttpContext c) => Gzipped(c, s_basemap.Value, "application/json"));
        endpoints.MapGet("/registry/data/page.json", PageSettings);
        endpoints.MapGet("/registry/basemap.pmtiles", Basemap);
    }

    /// <summary>What the public page needs to know of this server's configuration; nothing about the searcher.</summary>
    private static IResult PageSettings(HttpContext context, IOptions<RegistryOptions> options)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        var o = options.Value;
        var basemap = o.BasemapPmtiles is null ? null : new PageBasemap("/registry/basemap.pmtiles", o.BasemapAttribution);
        return TypedResults.Json(new PageSettingsJson(PageSearchDefaults.Current, basemap), RegistryJson.Options);
    }

    /// <summary>The operator's PMTiles archive, read by the page with range requests (206 answers).</summary>
    private static IResult Basemap(HttpContext context, IOptions<RegistryOptions> options)
    {
        if (options.Value.BasemapPmtiles is not { } path || !File.Exists(path))
        {
            return Problem.NotFound("No basemap is configured (Registry:BasemapPmtiles).");
        }
        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(Path.GetFullPath(path), "application/vnd.pmtiles", enableRangeProcessing: true);
    }

    private static IResult Asset(HttpContext context, string name, string contentType)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "public, max-age=300";
        var stream = FrenchGazetteer.OpenResourceFrom(typeof(PublicPages).Assembly, $"Gardefou.Registry.Pages.Assets.{name}");
        return TypedResults.Stream(stream, contentType);
    }

    private static IResult Gzipped(HttpContext context, byte[] gzip, string contentType)
    {
        context.Response.Headers.ContentEncoding = "gzip";
        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(gzip, contentType);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }
    }
}
