using Gardefou.Hosting.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Storage;

/// <summary>The registry's own database; nothing in it is about the people who search.</summary>
internal sealed class RegistryDbContext : DbContext, ISchemaScoped
{
    public RegistryDbContext(DbContextOptions<RegistryDbContext> options, RegistrySchema schema)
        : base(options) => Location = schema.Location;

    /// <summary>Where the registry's tables live.</summary>
    public DatabaseLocation Location { get; }

    /// <summary>PostgreSQL schema, or null on SQLite. Part of the model cache key.</summary>
    public string? Schema => Location.ModelSchema;

    string? ISchemaScoped.ModelSchema => Schema;

    public DbSet<SiteRow> Sites => Set<SiteRow>();
    public DbSet<ObservationRow> Observations => Set<ObservationRow>();
    public DbSet<CredentialRow> Credentials => Set<CredentialRow>();
    public DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();
    public DbSet<AdminAccountRow> AdminAccounts => Set<AdminAccountRow>();
    public DbSet<AdminSessionRow> AdminSessions => Set<AdminSessionRow>();
    public DbSet<SigningKeyRow> SigningKeys => Set<SigningKeyRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Schema is not null)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
        modelBuilder.Entity<SiteRow>(e =>
        {
            e.ToTable("sites");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<ObservationRow>(e =>
        {
            e.ToTable("observations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.SiteId, x.Resource, x.IsCurrent });
            e.HasIndex(x => x.IsCurrent);
            e.Property(x => x.Band).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
            e.HasOne<SiteRow>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CredentialRow>(e =>
        {
            e.ToTable("site_credentials");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.SiteId);
            e.HasOne<SiteRow>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IdempotencyRow>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(x => new { x.SiteId, x.Key });
            e.Property(x => x.Key).HasMaxLength(128);
        });
        modelBuilder.Entity<AdminAccountRow>(e =>
        {
            e.ToTable("admin_accounts");
            e.HasKey(x => x.Username);
        });
        modelBuilder.Entity<AdminSessionRow>(e =>
        {
            e.ToTable("admin_sessions");
            e.HasKey(x => x.TokenHash);
        });
        modelBuilder.Entity<SigningKeyRow>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(x => x.Id);
        });
    }
}
