namespace Gardefou.Registry.Imports;

/// <summary>What an import did: rows imported, and each rejected row with its line and reason.</summary>
public sealed record ImportReport(int Imported, IReadOnlyList<ImportError> Errors);
