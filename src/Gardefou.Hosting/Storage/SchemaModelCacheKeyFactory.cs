using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Gardefou.Hosting.Storage;

/// <summary>
/// Two contexts of one type on two PostgreSQL schemas in one process (tests, a host running several instances)
/// must not share EF's cached model, so the schema is part of the cache key.
/// </summary>
public sealed class SchemaModelCacheKeyFactory : IModelCacheKeyFactory
{
    /// <inheritdoc />
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as ISchemaScoped)?.ModelSchema, designTime);
}
