using Gardefou.Hosting.Storage;

namespace Gardefou.Registry.Storage;

/// <summary>The registry's database location, injected so the context's model knows its PostgreSQL schema.</summary>
internal sealed record RegistrySchema(DatabaseLocation Location)
{
    /// <summary>The PostgreSQL schema the model maps to, or null on SQLite.</summary>
    public string? Name => Location.ModelSchema;
}
