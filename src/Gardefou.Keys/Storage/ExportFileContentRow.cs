namespace Gardefou.Keys.Storage;

/// <summary>
/// The bytes of one export zip, kept in the database beside its <see cref="ExportFileRow"/> and written in the same
/// transaction, so every instance sharing the database serves every file the index lists, whatever its data folder.
/// </summary>
public sealed class ExportFileContentRow
{
    /// <summary>The file's path relative to the export root (the same as <see cref="ExportFileRow.Path"/>).</summary>
    public string Path { get; set; } = "";

    /// <summary>The signed zip (<c>export.bin</c> + <c>export.sig</c>), exactly as served.</summary>
    public byte[] Content { get; set; } = [];
}
