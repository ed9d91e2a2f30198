using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gardefou.Registry.Storage;

/// <summary>
/// INSERTs built from the EF model, for loads of many rows: no change tracking, no per-row RETURNING of generated
/// keys; on PostgreSQL one statement per few hundred rows, on SQLite one prepared one-row statement reused. Columns, quoting and value conversions (enums as text, lists
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
            if (db.Database.IsSqlite())
            {
                return await OneRowPreparedAsync(connection, transaction, head, columns, mappings, rows, ct);
            }
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
                        var name = string.Create(CultureInfo.InvariantCulture, $"@p{(r * columns.Length) + c}");
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

    /// <summary>
    /// SQLite runs in process, so a statement costs no round trip; but Microsoft.Data.Sqlite looks each parameter up
    /// by name, which makes one statement of P parameters cost P² and a multi-row INSERT slower than many one-row
    /// ones. So on SQLite: one prepared one-row INSERT, its parameter values replaced for each row.
    /// </summary>
    private static async Task<int> OneRowPreparedAsync<T>(DbConnection connection, DbTransaction? transaction, string head, IProperty[] columns,
        RelationalTypeMapping[] mappings, IEnumerable<T> rows, CancellationToken ct)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = new DbParameter[columns.Length];
        var text = new StringBuilder(head).Append('(');
        for (var c = 0; c < columns.Length; c++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@p{c}");
            text.Append(c == 0 ? "" : ", ").Append(name);
            parameters[c] = mappings[c].CreateParameter(command, name, null, columns[c].IsNullable);
            command.Parameters.Add(parameters[c]);
        }
        command.CommandText = text.Append(')').ToString();
        var getters = columns.Select(p => p.GetGetter()).ToArray();
        var written = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var value = getters[c].GetClrValue(row);
                // The same conversion CreateParameter applies (enums as text, lists as JSON).
                parameters[c].Value = (value is null ? null : mappings[c].Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
            }
            if (written == 0)
            {
                await command.PrepareAsync(ct);
            }
            written += await command.ExecuteNonQueryAsync(ct);
        }
        return written;
    }
}
