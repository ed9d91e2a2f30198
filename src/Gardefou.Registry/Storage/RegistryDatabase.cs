using Gardefou.Hosting.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Storage;

/// <summary>Opens and creates the registry database through the shared <see cref="DomainDatabase"/>.</summary>
internal static class RegistryDatabase
{
    /// <summary>Creates a context outside DI (the CLI, the benchmark).</summary>
    public static RegistryDbContext Open(RegistryStorage storage)
    {
        var options = DomainDatabase.Configure(new DbContextOptionsBuilder<RegistryDbContext>(), storage.Database).Options;
        return new RegistryDbContext(options, new RegistrySchema(storage.Database));
    }

    /// <summary>Creates the tables if they are missing, under the shared schema-creation lock.</summary>
    public static Task EnsureCreatedAsync(RegistryDbContext db, CancellationToken ct) =>
        DomainDatabase.CreateSchemaAsync(db, db.Location, upgrade: null, ct);
}
