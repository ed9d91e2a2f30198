using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Gardefou.Keys.Features.Publish;

/// <summary><c>POST /v1/publish</c>: the GAEN v1 upload of diagnosis keys, with chaff (any non-empty <c>X-Chaff</c>).</summary>
public static class PublishApi
{
    /// <summary>Largest accepted request body, as the GAEN key server (64,000 bytes, internal/jsonutil/unmarshal.go).</summary>
    public const int MaxRequestBytes = 64_000;

    /// <summary>The header that marks a dummy upload.</summary>
    public const string ChaffHeader = "X-Chaff";

    /// <summary>Maps the publish endpoint.</summary>
    public static IEndpointRouteBuilder MapPublish(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/publish", Publish)
            .WithName("Publish")
            .WithTags("Diagnosis keys")
            .WithSummary("Publish diagnosis keys with a verification certificate; a request with a non-empty X-Chaff header is a dummy upload whose body is not read as keys.")
            // One byte over the limit still reaches the handler, which answers 413 in the GAEN shape itself.
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes + 1))
            // No Accepts<T>() here: its content-type constraint would answer 415 in ASP.NET's shape before the handler,
            // while Google answers 415 with code bad_request, and chaff of any content type must get its 200.
            .Produces<PublishResponse>(StatusCodes.Status200OK)
            .Produces<PublishResponse>(StatusCodes.Status400BadRequest, "application/problem+json")
            .Produces<PublishResponse>(StatusCodes.Status401Unauthorized, "application/problem+json")
            .Produces<PublishResponse>(StatusCodes.Status410Gone, "application/problem+json");
        return endpoints;
    }

    /// <summary>
    /// Google's rule (go-chaff <c>HeaderDetector</c>, used by the key server's middleware/chaff.go and the
    /// verification server alike): a request is chaff when the header is present with any non-empty value,
    /// <c>X-Chaff: 0</c> included.
    /// </summary>
    public static bool IsChaff(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue(ChaffHeader, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]);
    }

    private static async Task Publish(HttpContext context, PublishService service, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var chaff = IsChaff(context.Request);
        PublishService.Outcome outcome;
        var unread = false;
        if (chaff)
        {
            // Read in full, so that chaff and real requests cost the connection the same, but never parsed: as Google's
            // middleware, a dummy upload's body is not processed at all.
            unread = await PublishRequestReader.ReadBodyAsync(context.Request, ct) is null;
            outcome = await service.ChaffAsync(started, ct);
        }
        else
        {
            var read = await PublishRequestReader.ReadAsync(context.Request, ct);
            outcome = read.TryGetValue(out var request, out var error) ? await service.PublishAsync(request, started, ct) : service.Refuse(error);
        }
        context.Response.StatusCode = outcome.Status;
        if (unread || outcome.Status == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of the body was never read: the connection cannot carry another request.
            context.Response.Headers.Connection = "close";
        }
        // Chaff and real responses must not differ in caching headers either.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = outcome.IsProblem ? "application/problem+json" : "application/json";
        context.Response.ContentLength = outcome.Body.Length;
        await context.Response.Body.WriteAsync(outcome.Body, ct);
    }
}
