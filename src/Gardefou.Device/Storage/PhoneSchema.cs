using Microsoft.Data.Sqlite;

namespace Gardefou.Device.Storage;

/// <summary>
/// The phone's only database, <c>phone.db</c> in its data directory, and its four tables. The schema is deliberately
/// poor: keys, what was heard (identifier, encrypted metadata, signal strength, scan time), settings and exposure days.
/// There is no column for a place, an address, a name or any peer identity, and a test inspects the schema to keep it
/// that way.
/// </summary>
/// <remarks>
/// The phone reaches its tables through one access path, plain ADO.NET on Microsoft.Data.Sqlite (see
/// <see cref="PlainSql"/>), and no ORM. The paths that matter on a phone are the exposure check, which reads every
/// observation straight from SQLite's row buffer (<c>SightingRows</c>), and recording scans; both are plain SQL,
/// and an ORM would add its model, query compiler and their compiled code (about 35 MB of resident memory, several
/// times what a check needs) for four tables of a few columns. The statements are identical to those EF Core's
/// <c>EnsureCreated</c> issued for earlier versions, so a database created by those versions opens unchanged.
/// </remarks>
internal static class PhoneSchema
{
    private const string CreateTables = """
        CREATE TABLE "exposure_days" (
            "Day" TEXT NOT NULL CONSTRAINT "PK_exposure_days" PRIMARY KEY
        );
        CREATE TABLE "keys" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_keys" PRIMARY KEY AUTOINCREMENT,
            "KeyData" BLOB NOT NULL,
            "RollingStart" INTEGER NOT NULL,
            "RollingPeriod" INTEGER NOT NULL,
            "Released" INTEGER NOT NULL
        );
        CREATE TABLE "settings" (
            "Name" TEXT NOT NULL CONSTRAINT "PK_settings" PRIMARY KEY,
            "Value" TEXT NOT NULL
        );
        CREATE TABLE "sightings" (
            "Id" INTEGER NOT NULL CONSTRAINT "PK_sightings" PRIMARY KEY AUTOINCREMENT,
            "Rpi" BLOB NOT NULL,
            "Aem" BLOB NOT NULL,
            "ScanTime" INTEGER NOT NULL,
            "MaxRssi" INTEGER NOT NULL,
            "MeanRssi" INTEGER NOT NULL,
            "SecondsSinceLastScan" INTEGER NOT NULL
        );
        CREATE INDEX "IX_keys_RollingStart" ON "keys" ("RollingStart");
        CREATE INDEX "IX_sightings_ScanTime" ON "sightings" ("ScanTime");
        """;

    /// <summary>Creates the tables in an empty database, in one transaction; a database that has them is left as it is.</summary>
    public static async Task CreateAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var transaction = connection.BeginTransaction();
        await using (var probe = connection.CreateCommand())
        {
            probe.Transaction = transaction;
            probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'settings'";
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateTables;
            await create.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
