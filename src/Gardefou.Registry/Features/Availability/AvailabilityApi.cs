using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Hosting.Problems;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Http;
using Gardefou.Registry.Model;
using Gardefou.Registry.Operators;
using Gardefou.Registry.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Features.Availability;

/// <summary>
/// Sites push their numbers: <c>POST /registry/v1/sites/{siteId}/availability</c> (one report) and
/// <c>…/availability/batch</c> (all or nothing, idempotent with an <c>Idempotency-Key</c> header).
/// Both need the site's credential in <c>X-Site-Credential</c>.
/// </summary>
internal static class AvailabilityApi
{
    public const string CredentialHeader = "X-Site-Credential";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxBatch = 100;

    public static IEndpointRouteBuilder MapAvailability(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/registry/v1/sites/{siteId}/availability", PostOne).DisableAntiforgery();
        endpoints.MapPost("/registry/v1/sites/{siteId}/availability/batch", PostBatch).DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<IResult> PostOne(string siteId, HttpContext context, RegistryDbContext db, RegistryState state,
        AvailabilityCommitter committer, TimeProvider time, CancellationToken ct)
    {
        if (await AuthorizeAsync(siteId, context, db, ct) is { } denied)
        {
            return denied;
        }
        if (!(await JsonBody.ReadAsync<AvailabilityUpdate>(context.Request, 16 * 1024, ct)).TryGetValue(out var body, out var problem))
        {
            return problem;
        }
        var update = body.Value;
        var now = time.GetUtcNow();
        if (!UpdateValidator.Validate(update, now, state.Freshness).TryGetValue(out var valid, out var error))
        {
            return Problem.Result(StatusCodes.Status422UnprocessableEntity, "Invalid update", error);
        }
        var method = context.Request.Headers["X-Gardefou-Form"] == "1" ? ObservationMethod.SiteForm : ObservationMethod.SiteApi;
        // Many sites posting at once share one transaction (group commit); the answer waits until it is durable.
        var applied = await committer.ApplyAsync(siteId, [valid], method, SearchMapper.MethodName(method), now, ct);
        return TypedResults.Json(new AvailabilityAnswer(siteId, [.. applied.Select(a => SearchMapper.ToReport(a, now, state.Freshness))]), RegistryJson.Options);
    }

    internal static async Task<IResult> PostBatch(string siteId, HttpContext context, RegistryDbContext db, RegistryState state, TimeProvider time, CancellationToken ct)
    {
        if (await AuthorizeAsync(siteId, context, db, ct) is { } denied)
        {
            return denied;
        }
        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length is 0 or > 128 || !key.All(c => c is > ' ' and <= '~'))
        {
            return Problem.Result(StatusCodes.Status400BadRequest, "Idempotency-Key required", "Send an Idempotency-Key header of 1 to 128 visible ASCII characters.");
        }
        if (!(await JsonBody.ReadAsync<AvailabilityBatch>(context.Request, 256 * 1024, ct)).TryGetValue(out var body, out var problem))
        {
            return problem;
        }
        var (batch, bytes) = body;
        var hash = SHA256.HashData(bytes);
        var seen = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SiteId == siteId && k.Key == key, ct);
        if (seen is not null)
        {
            return Replay(seen, hash, context);
        }
        if (batch.Updates is not { Count: > 0 and <= MaxBatch } updates)
        {
            return Problem.Result(StatusCodes.Status422UnprocessableEntity, "Invalid batch", $"'updates' must hold 1 to {MaxBatch} updates.");
        }
        var now = time.GetUtcNow();
        var valid = new List<ValidatedUpdate>(updates.Count);
        for (var i = 0; i < updates.Count; i++)
        {
            if (!UpdateValidator.Validate(updates[i], now, state.Freshness).TryGetValue(out var v, out var error))
            {
                // All or nothing: one bad update refuses the whole batch before anything is written.
                return Problem.Result(StatusCodes.Status422UnprocessableEntity, "Invalid batch", $"updates[{i}]: {error}");
            }
            valid.Add(v);
        }
        AvailabilityAnswer? answer = null;
        try
        {
            var applied = await AvailabilityWriter.ApplyAsync(db, state, siteId, valid, ObservationMethod.SiteApi, "site-api", now, ct, tx =>
            {
                answer = new AvailabilityAnswer(siteId, [.. tx.ChangeTracker.Entries<ObservationRow>()
                    .Where(e => e.State == EntityState.Added).Select(e => SearchMapper.ToReport(SiteMapping.ToSnapshot(e.Entity), now, state.Freshness))]);
                tx.IdempotencyKeys.Add(new IdempotencyRow
                {
                    SiteId = siteId,
                    Key = key,
                    RequestHash = hash,
                    CreatedAt = now,
                    Response = JsonSerializer.Serialize(answer, RegistryJson.Options),
                });
            });
            return TypedResults.Json(answer!, RegistryJson.Options);
        }
        catch (DbUpdateException)
        {
            // Two requests raced with the same key: the loser answers like a replay.
            db.ChangeTracker.Clear();
            var winner = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SiteId == siteId && k.Key == key, ct);
            return winner is null
                ? Problem.Result(StatusCodes.Status409Conflict, "Conflict", "The batch conflicted with another write; retry with the same key.")
                : Replay(winner, hash, context);
        }
    }

    private static IResult Replay(IdempotencyRow seen, byte[] hash, HttpContext context)
    {
        if (!CryptographicOperations.FixedTimeEquals(seen.RequestHash, hash))
        {
            return Problem.Result(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", "This key was already used with a different body.");
        }
        context.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Content(seen.Response, "application/json");
    }

    private static async Task<IResult?> AuthorizeAsync(string siteId, HttpContext context, RegistryDbContext db, CancellationToken ct)
    {
        if (siteId.Length > 64 || !await SiteCredentials.VerifyAsync(db, siteId, context.Request.Headers[CredentialHeader].ToString(), ct))
        {
            return Problem.Result(StatusCodes.Status401Unauthorized, "Site credential required",
                $"Send this site's valid, unrevoked credential in the {CredentialHeader} header.");
        }
        return null;
    }
}
