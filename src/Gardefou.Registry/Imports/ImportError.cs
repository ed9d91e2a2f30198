namespace Gardefou.Registry.Imports;

/// <summary>A rejected row: <paramref name="File"/> is set when the import spans several files (SMART).</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Reason">Why the row was rejected.</param>
/// <param name="File">The file, for multi-file imports.</param>
public sealed record ImportError(int Line, string Reason, string? File = null);
