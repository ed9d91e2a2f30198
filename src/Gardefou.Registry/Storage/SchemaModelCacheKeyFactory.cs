using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Gardefou.Registry.Storage;

/// <summary>Two registries on two schemas in one process (tests, a host) must not share one cached model.</summary>
internal sealed class SchemaModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as RegistryDbContext)?.Schema, designTime);
}
