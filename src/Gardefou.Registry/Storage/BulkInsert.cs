using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gardefou.Registry.Storage;

/// <summary>
/// Multi-row INSERTs built from the EF model, for loads of many rows: no change tracking, no per-row RETURNING of
/// generated keys, one statement per few hundred rows. Columns, quoting and value conversions (enums as text, lists
/// as JSON on SQLite or arrays on PostgreSQL) all come from EF's own mappings, so the rows read back exactly as if
/// EF had written them. Runs inside the caller's transaction when there is one.
/// </summary>
internal static class BulkInsert
{
    // SQLite allows 32,766 parameters per statement and PostgreSQL 65,535; stay well under both.
    private const int MaxParameters = 8000;

    public static async Task<int> InsertAsync<T>(RegistryDbContext db, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Store-generated keys (the observations' identity column) are left to the database.
        var columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd).ToArray();
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))).Append(") VALUES ").ToString();
        var perStatement = Math.Max(1, MaxParameters / columns.Length);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var written = 0;
            foreach (var chunk in rows.Chunk(perStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var text = new StringBuilder(head, head.Length + (chunk.Length * columns.Length * 8));
                for (var r = 0; r < chunk.Length; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"@p{(r * columns.Length) + c}");
                        text.Append(c == 0 ? "" : ", ").Append(name);
                        // CreateParameter applies the mapping's value converter and sets the provider's db type.
                        command.Parameters.Add(mappings[c].CreateParameter(command, name, columns[c].GetGetter().GetClrValue(chunk[r]), columns[c].IsNullable));
                    }
                    text.Append(')');
                }
                command.CommandText = text.ToString();
                written += await command.ExecuteNonQueryAsync(ct);
            }
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
