namespace Gardefou.Registry.Storage;

/// <summary>The PostgreSQL schema the context maps to (null on SQLite), injected so the model knows it.</summary>
internal sealed record RegistrySchema(string? Name);
