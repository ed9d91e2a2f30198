using Gardefou.Verification.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Accounts;

/// <summary>Finds or creates realms (health authorities).</summary>
internal static class Realms
{
    public static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= 64 } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>Finds or creates a realm; a new one requires dates unless <paramref name="requireDate"/> says otherwise.</summary>
    public static async Task<(Realm Realm, bool Created)> EnsureAsync(VerificationDbContext db, string name, DateTime now, CancellationToken ct, bool requireDate = true)
    {
        var realm = await db.Realms.FirstOrDefaultAsync(r => r.Name == name, ct);
        if (realm is not null)
        {
            return (realm, false);
        }
        realm = new Realm { Name = name, CreatedAt = now, RequireDate = requireDate };
        db.Realms.Add(realm);
        try
        {
            await db.SaveChangesAsync(ct);
            return (realm, true);
        }
        catch (DbUpdateException)
        {
            db.Entry(realm).State = EntityState.Detached;
            return (await db.Realms.FirstAsync(r => r.Name == name, ct), false);
        }
    }

    /// <summary>Applies configured settings to a realm, creating it if needed.</summary>
    public static async Task ApplyAsync(VerificationDbContext db, string name, RealmSettings settings, bool isDemo, DateTime now, CancellationToken ct)
    {
        var (realm, _) = await EnsureAsync(db, name, now, ct, requireDate: !isDemo);
        realm.RequireDate = settings.RequireDate ?? realm.RequireDate;
        realm.RequireDeviceKey = settings.RequireDeviceKey ?? realm.RequireDeviceKey;
        await db.SaveChangesAsync(ct);
    }
}
