using Gardefou.Hosting.Storage;

namespace Gardefou.Verification.Storage;

/// <summary>
/// Creates the domain's tables if they are missing and brings an older database up to date
/// (<see cref="VerificationSchemaUpgrade"/>), under the shared schema-creation lock of <see cref="DomainDatabase"/>.
/// </summary>
internal static class VerificationSchema
{
    public static Task EnsureAsync(VerificationDbContext db, VerificationStorage storage, CancellationToken ct)
    {
        var location = storage.Database;
        return DomainDatabase.CreateSchemaAsync(db, location, upgrade => location.UsesPostgres
            ? VerificationSchemaUpgrade.UpgradePostgresAsync(db, location.Schema, upgrade)
            : VerificationSchemaUpgrade.UpgradeSqliteAsync(db, upgrade), ct);
    }
}
