namespace Gardefou.Keys.Storage;

/// <summary>
/// Writes the keys of several uploads in one transaction, bypassing EF Core's change tracking: the one way keys are
/// written (<see cref="UploadWriter"/>), first uploads and revisions alike. Either everything is committed or nothing
/// is (the exception tells why).
/// </summary>
internal abstract class KeyRowInserter : IAsyncDisposable
{
    /// <summary>The inserter for <paramref name="storage"/>'s provider.</summary>
    public static KeyRowInserter Create(KeysStorage storage) =>
        storage.UsesPostgres ? new PostgresKeyRowInserter(storage) : new SqliteKeyRowInserter(storage);

    /// <summary>
    /// Applies <paramref name="revisions"/>, inserts <paramref name="rows"/> in the order given, and commits; throws (having
    /// rolled back) when the database refuses, and <see cref="RevisionConflictException"/> when a revision matches no row.
    /// </summary>
    public abstract Task InsertAsync(DiagnosisKeyRow[] rows, IReadOnlyList<KeyRevision> revisions, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
