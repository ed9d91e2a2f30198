using Gardefou.Protocol.Keys;
using SQLitePCL;

namespace Gardefou.Device.Observations;

/// <summary>Reads the <c>sightings</c> table through SQLite's statement API, without a copy per blob.</summary>
internal static class SightingRows
{
    /// <summary>Every row, oldest first; rows whose blobs this library cannot have written are skipped.</summary>
    public static ObservationSet ReadAll(sqlite3 db, CancellationToken ct)
    {
        // The rows are read once, in order: SQLite's default 2 MB page cache would only hold pages never read again.
        Check(db, raw.sqlite3_exec(db, "PRAGMA cache_size = -256"));
        // One read transaction, so that the count sizes the arrays for exactly the rows read next.
        Check(db, raw.sqlite3_exec(db, "BEGIN"));
        try
        {
            var count = 0;
            using (var statement = Prepare(db, "SELECT COUNT(*) FROM sightings ORDER BY ScanTime, Id"))
            {
                if (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                    count = raw.sqlite3_column_int(statement, 0);
                }
            }
            var builder = new ObservationSet.Builder(count);
            using (var statement = Prepare(db, "SELECT Rpi, Aem, ScanTime, MaxRssi, MeanRssi, SecondsSinceLastScan FROM sightings ORDER BY ScanTime, Id"))
            {
                int step;
                for (var row = 0; (step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW; row++)
                {
                    if ((row & 4095) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                    var rpi = raw.sqlite3_column_blob(statement, 0);
                    var aem = raw.sqlite3_column_blob(statement, 1);
                    if (rpi.Length != RollingProximityIdentifier.Size || aem.Length != AssociatedEncryptedMetadata.Size)
                    {
                        continue; // a row this library did not write; it cannot be an identifier
                    }
                    builder.Add(
                        RollingProximityIdentifier.FromBytes(rpi),
                        AssociatedEncryptedMetadata.FromBytes(aem),
                        raw.sqlite3_column_int64(statement, 2),
                        raw.sqlite3_column_int(statement, 3),
                        raw.sqlite3_column_int(statement, 4),
                        raw.sqlite3_column_int(statement, 5));
                }
                Check(db, step == raw.SQLITE_DONE ? raw.SQLITE_OK : step);
            }
            return builder.Build();
        }
        finally
        {
            raw.sqlite3_exec(db, "COMMIT");
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new Microsoft.Data.Sqlite.SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
