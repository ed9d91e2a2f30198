using Gardefou.Verification.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Verification.Accounts;

/// <summary>
/// Operator tasks on an existing verification database, for <c>gardefou admin</c>: revoke a lab's API key, reset a
/// health worker's password. They need <see cref="VerificationDomain.AddVerificationDomain"/>, not initialization, and
/// never create a schema: a wrong database is an error, not a new empty one. Bad input throws
/// <see cref="ArgumentException"/> with a message for the operator.
/// </summary>
public static class VerificationAdmin
{
    /// <summary>
    /// Revokes the API key with id <paramref name="keyId"/>, or else the only one named <paramref name="name"/> in
    /// <paramref name="realm"/>; effective at once on <c>POST /api/issue</c>.
    /// </summary>
    public static async Task<RevokedApiKey> RevokeApiKeyAsync(this IServiceProvider services, int? keyId, string? name, string realm, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(realm);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        ApiKey key;
        if (keyId is { } id)
        {
            key = await db.ApiKeys.Include(k => k.Realm).FirstOrDefaultAsync(k => k.Id == id, ct)
                ?? throw new ArgumentException($"no API key with id {id}.");
        }
        else if (!string.IsNullOrWhiteSpace(name))
        {
            var named = await db.ApiKeys.Include(k => k.Realm).Where(k => k.Name == name && k.Realm!.Name == realm).OrderBy(k => k.Id).ToListAsync(ct);
            var active = named.Where(k => !k.Revoked).ToList();
            key = (active.Count, named.Count) switch
            {
                (0, 0) => throw new ArgumentException($"no API key named '{name}' in realm '{realm}'."),
                (0, _) => named[^1],
                (1, _) => active[0],
                _ => throw new ArgumentException($"{active.Count} active API keys are named '{name}' in realm '{realm}' (ids {string.Join(", ", active.Select(k => k.Id))}): revoke one with --key-id."),
            };
        }
        else
        {
            throw new ArgumentException("give --key-id or --name.");
        }
        var already = key.Revoked;
        if (!already)
        {
            await ApiKeys.RevokeAsync(db, key, ct);
        }
        return new RevokedApiKey(key.Id, key.Name, key.Realm!.Name, already);
    }

    /// <summary>Gives <paramref name="userName"/> a new generated password and ends all their portal sessions; returns it to show once.</summary>
    public static async Task<string> ResetPasswordAsync(this IServiceProvider services, string userName, CancellationToken ct = default)
    {
        if (!AccountService.IsValidUserName(userName))
        {
            throw new ArgumentException($"'{userName}' is not a user name (3 to 64 letters, digits, '.', '-', '_' or '@').");
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        var user = await db.HealthWorkers.FirstOrDefaultAsync(u => u.UserName == userName, ct)
            ?? throw new ArgumentException($"no health worker named '{userName}'.");
        return await scope.ServiceProvider.GetRequiredService<AccountService>().ResetPasswordAsync(user, ct);
    }
}
