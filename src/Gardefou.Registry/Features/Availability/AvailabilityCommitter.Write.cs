using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Registry.Features.Availability;

internal sealed partial class AvailabilityCommitter
{
    /// <summary>
    /// One transaction for the whole group: one prepared UPDATE per (site, resource) takes the current flag off the
    /// previous report, <see cref="BulkInsert"/> adds the new ones; the index is updated only after the commit, in queue
    /// order, so the last report of a resource wins there as in the database.
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<Pending> group, CancellationToken ct)
    {
        var latest = new Dictionary<(string SiteId, int Code), ObservationRow>();
        var rows = new List<ObservationRow>[group.Count];
        for (var k = 0; k < group.Count; k++)
        {
            var pending = group[k];
            _state.Index.TryGet(pending.SiteId, out var indexed);
            rows[k] = new List<ObservationRow>(pending.Updates.Count);
            foreach (var update in pending.Updates)
            {
                var key = (pending.SiteId, update.Type.Code);
                var before = latest.TryGetValue(key, out var earlier) ? SiteMapping.ToSnapshot(earlier)
                    : indexed is null ? null : Volatile.Read(ref indexed.Capacity[key.Code]);
                if (earlier is not null)
                {
                    earlier.IsCurrent = false; // within one group, the last report of a resource is the current one
                }
                var row = AvailabilityWriter.ToRow(pending.SiteId, update, pending.Method, pending.Source, before);
                latest[key] = row;
                rows[k].Add(row);
            }
        }

        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await DemoteAsync(db, latest.Keys, ct);
            await BulkInsert.InsertAsync(db, rows.SelectMany(r => r), ct);
            await tx.CommitAsync(ct);
        }
        Interlocked.Increment(ref _commits);

        for (var k = 0; k < group.Count; k++)
        {
            var snapshots = rows[k].ConvertAll(SiteMapping.ToSnapshot);
            foreach (var snapshot in snapshots)
            {
                _state.Index.SetCapacity(group[k].SiteId, snapshot);
            }
            group[k].Done.TrySetResult(snapshots);
        }
    }

    private static async Task DemoteAsync(RegistryDbContext db, IEnumerable<(string SiteId, int Code)> keys, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(ObservationRow))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        IProperty P(string name) => entity.FindProperty(name)!;
        string C(string name) => sql.DelimitIdentifier(P(name).GetColumnName(table)!);
        var flag = P(nameof(ObservationRow.IsCurrent)).GetRelationalTypeMapping();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var current = C(nameof(ObservationRow.IsCurrent));
        command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {current} = {flag.GenerateSqlLiteral(false)} " +
            $"WHERE {C(nameof(ObservationRow.SiteId))} = @site AND {C(nameof(ObservationRow.Resource))} = @resource AND {current} = {flag.GenerateSqlLiteral(true)}";
        var site = P(nameof(ObservationRow.SiteId)).GetRelationalTypeMapping().CreateParameter(command, "@site", "", nullable: false);
        var resource = P(nameof(ObservationRow.Resource)).GetRelationalTypeMapping().CreateParameter(command, "@resource", 0, nullable: false);
        command.Parameters.Add(site);
        command.Parameters.Add(resource);
        await command.PrepareAsync(ct);
        foreach (var (siteId, code) in keys)
        {
            site.Value = siteId;
            resource.Value = code;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
