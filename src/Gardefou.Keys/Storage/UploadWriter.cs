using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Gardefou.Keys.Storage;

/// <summary>
/// Group commit for uploads, the one way keys are written: first uploads and revisions alike. Requests hand their validated rows to this single writer, which inserts every upload
/// waiting at that moment in ONE transaction and only then completes their tasks: a request is answered after its
/// rows are committed, so no acknowledged key can be lost, while the commit (an fsync on SQLite with
/// <c>synchronous=FULL</c>) is paid once per group instead of once per upload. Under load groups grow by themselves:
/// whatever arrives during one commit goes into the next.
/// </summary>
/// <remarks>
/// A group is all or nothing. When its transaction fails (a replayed key, two uploads of the same key in one group,
/// a database error) it is retried one upload per transaction, so one bad upload never fails the others and each
/// request learns its own fate: stored, duplicate, or failed (nothing stored).
/// </remarks>
public sealed class UploadWriter : IAsyncDisposable, IDisposable
{
    /// <summary>Most uploads in one transaction (at most 30 keys each), which bounds the time a group holds the write lock.</summary>
    public const int MaxUploadsPerTransaction = 256;

    private readonly Channel<PendingUpload> _queue = Channel.CreateUnbounded<PendingUpload>();
    private readonly KeyRowInserter _inserter;
    private readonly WriteGate _gate;
    private readonly ILogger<UploadWriter> _logger;
    private readonly Task _loop;
    private long _transactions;
    private long _uploads;

    /// <summary>Creates the writer on <paramref name="storage"/> and starts its loop.</summary>
    public UploadWriter(KeysStorage storage, WriteGate gate, ILogger<UploadWriter> logger)
    {
        _inserter = KeyRowInserter.Create(storage);
        _gate = gate;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Committed transactions so far (each holding one or more uploads).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Uploads stored so far.</summary>
    public long StoredUploads => Interlocked.Read(ref _uploads);

    /// <summary>Uploads waiting for the next transaction.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>
    /// Stores the rows of one upload (a primary key per key, so a key is stored once) and completes when they are
    /// committed, or when it is certain that none of them was.
    /// </summary>
    public Task<UploadStoreResult> StoreAsync(DiagnosisKeyRow[] rows) => StoreAsync(rows, []);

    /// <summary>
    /// Stores the rows of a revision upload (keys it adds) and applies its <paramref name="revisions"/> in the same
    /// transaction: both or neither. Completes as <see cref="StoreAsync(DiagnosisKeyRow[])"/> does, or with
    /// <see cref="UploadStoreResult.RevisionConflict"/> when a key to revise changed since it was checked.
    /// </summary>
    public Task<UploadStoreResult> StoreAsync(DiagnosisKeyRow[] rows, IReadOnlyList<KeyRevision> revisions)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(revisions);
        var pending = new PendingUpload(rows, revisions);
        return _queue.Writer.TryWrite(pending) ? pending.Task : Task.FromResult(UploadStoreResult.Failed);
    }

    public async ValueTask DisposeAsync()
    {
        // Uploads already queued are still written: their requests are waiting for an answer.
        _queue.Writer.TryComplete();
        await _loop;
        await _inserter.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync()
    {
        var group = new List<PendingUpload>(MaxUploadsPerTransaction);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Taking the gate first lets every upload that queued while others (exports, retention) wrote join this group.
            using (await _gate.EnterAsync(CancellationToken.None))
            {
                while (group.Count < MaxUploadsPerTransaction && reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }
                await WriteGroupAsync(group);
            }
            group.Clear();
        }
    }

    private async Task WriteGroupAsync(List<PendingUpload> group)
    {
        var failure = await TryInsertAsync(group);
        if (failure is null)
        {
            Committed(group.Count);
            foreach (var pending in group)
            {
                pending.TrySetResult(UploadStoreResult.Stored);
            }
            return;
        }
        if (group.Count == 1)
        {
            Refuse(group[0], failure);
            return;
        }
        // Find out which uploads were at fault: each alone, in its own transaction.
        foreach (var pending in group)
        {
            failure = await TryInsertAsync([pending]);
            if (failure is null)
            {
                Committed(1);
                pending.TrySetResult(UploadStoreResult.Stored);
            }
            else
            {
                Refuse(pending, failure);
            }
        }
    }

    private async Task<Exception?> TryInsertAsync(IReadOnlyList<PendingUpload> uploads)
    {
        try
        {
            // Rows go in in random order, so that storage order (PostgreSQL heap order, SQLite rowids) does not keep one
            // upload's keys side by side when several uploads share the commit. An upload alone in its commit still
            // lands side by side until its hour is closed and rewritten in random order (HourMixer).
            var shuffled = uploads.SelectMany(upload => upload.Rows).ToArray();
            RandomNumberGenerator.Shuffle(shuffled.AsSpan());
            var revisions = uploads.SelectMany(upload => upload.Revisions).ToList();
            await _inserter.InsertAsync(shuffled, revisions, CancellationToken.None);
            return null;
        }
        catch (Exception exception)
        {
            // Whatever went wrong, the loop must survive and every waiting request must get an answer.
            return exception;
        }
    }

    private void Committed(int uploads)
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _uploads, uploads);
    }

    private void Refuse(PendingUpload pending, Exception failure)
    {
        if (StorageErrors.IsDuplicateKey(failure))
        {
            pending.TrySetResult(UploadStoreResult.Duplicate);
            return;
        }
        if (failure is RevisionConflictException)
        {
            pending.TrySetResult(UploadStoreResult.RevisionConflict);
            return;
        }
        Log.UploadStoreFailed(_logger, failure.GetType().Name, StorageErrors.CodeOf(failure));
        pending.TrySetResult(UploadStoreResult.Failed);
    }

    /// <summary>One queued upload; its task completes (on the thread pool, never inline in the writer) with the outcome.</summary>
    private sealed class PendingUpload(DiagnosisKeyRow[] rows, IReadOnlyList<KeyRevision> revisions)
        : TaskCompletionSource<UploadStoreResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public DiagnosisKeyRow[] Rows { get; } = rows;

        public IReadOnlyList<KeyRevision> Revisions { get; } = revisions;
    }
}
