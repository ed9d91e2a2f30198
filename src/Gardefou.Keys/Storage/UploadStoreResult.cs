namespace Gardefou.Keys.Storage;

/// <summary>What became of one upload handed to the <see cref="UploadWriter"/>.</summary>
public enum UploadStoreResult
{
    /// <summary>Every row of the upload is committed to the database.</summary>
    Stored,

    /// <summary>Nothing was stored: at least one key was already published (a replay, or the same keys twice).</summary>
    Duplicate,

    /// <summary>Nothing was stored: the database refused the transaction; the device should retry later.</summary>
    Failed,

    /// <summary>Nothing was stored: a key the upload revises was revised by another upload (or deleted) since it was checked.</summary>
    RevisionConflict,
}
