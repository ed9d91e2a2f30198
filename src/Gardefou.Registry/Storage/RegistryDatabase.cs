using Gardefou.Hosting.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Storage;

/// <summary>Opens and creates the registry database through the shared <see cref="DomainDatabase"/>.</summary>
internal static class RegistryDatabase
{
    public static void Configure(DbContextOptionsBuilder options, RegistryStorage storage) =>
        DomainDatabase.Configure(options, storage.Database);

    /// <summary>Creates a context outside DI (the CLI, the benchmark).</summary>
    public static RegistryDbContext Open(RegistryStorage storage)
    {
        var builder = new DbContextOptionsBuilder<RegistryDbContext>();
        Configure(builder, storage);
        return new RegistryDbContext(builder.Options, new RegistrySchema(storage.Database));
    }

    /// <summary>Creates the tables if they are missing, under the shared schema-creation lock.</summary>
    public static Task EnsureCreatedAsync(RegistryDbContext db, CancellationToken ct) =>
        DomainDatabase.CreateSchemaAsync(db, db.Location, upgrade: null, ct);
}
