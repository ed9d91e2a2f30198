namespace Gardefou.Keys.Storage;

/// <summary>
/// Inserts the rows of several uploads in one transaction, bypassing EF Core's change tracking: the hot path of
/// <see cref="UploadWriter"/>. Either every row is committed or none is (the exception tells why).
/// </summary>
internal abstract class KeyRowInserter : IAsyncDisposable
{
    /// <summary>The inserter for <paramref name="storage"/>'s provider.</summary>
    public static KeyRowInserter Create(KeysStorage storage) =>
        storage.UsesPostgres ? new PostgresKeyRowInserter(storage) : new SqliteKeyRowInserter(storage);

    /// <summary>Inserts every row of <paramref name="uploads"/> and commits; throws (having rolled back) when the database refuses.</summary>
    public abstract Task InsertAsync(IReadOnlyList<DiagnosisKeyRow[]> uploads, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
