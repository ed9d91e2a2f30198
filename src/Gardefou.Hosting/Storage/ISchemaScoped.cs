namespace Gardefou.Hosting.Storage;

/// <summary>A context whose model depends on the schema it maps to (see <see cref="SchemaModelCacheKeyFactory"/>).</summary>
public interface ISchemaScoped
{
    /// <summary>The PostgreSQL schema the model maps to, or null on SQLite.</summary>
    string? ModelSchema { get; }
}
