using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Gardefou.Keys.Features.Publish;

/// <summary><c>POST /v1/publish</c>: the GAEN v1 upload of diagnosis keys, with chaff (<c>X-Chaff: 1</c>).</summary>
public static class PublishApi
{
    /// <summary>Largest accepted request body; the GAEN key server uses the same limit.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>The header that marks a dummy upload.</summary>
    public const string ChaffHeader = "X-Chaff";

    /// <summary>Maps the publish endpoint.</summary>
    public static IEndpointRouteBuilder MapPublish(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/publish", Publish)
            .WithName("Publish")
            .WithTags("Diagnosis keys")
            .WithSummary("Publish diagnosis keys with a verification certificate; X-Chaff: 1 marks a dummy upload that stores nothing.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .Accepts<PublishRequest>("application/json")
            .Produces<PublishResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);
        return endpoints;
    }

    private static async Task<FileContentHttpResult> Publish(PublishRequest request, HttpContext context, PublishService service, CancellationToken ct)
    {
        var chaff = context.Request.Headers.TryGetValue(ChaffHeader, out var header) && header.Count > 0 && header[0] is { Length: > 0 } value && value != "0";
        var outcome = await service.PublishAsync(request, chaff, ct);
        context.Response.StatusCode = outcome.Status;
        // Chaff and real responses must not differ in caching headers either.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(outcome.Body, outcome.IsProblem ? "application/problem+json" : "application/json");
    }
}
