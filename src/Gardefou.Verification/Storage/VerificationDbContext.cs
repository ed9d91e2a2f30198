using Gardefou.Hosting.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gardefou.Verification.Storage;

/// <summary>The verification domain's database: its own SQLite file or its own PostgreSQL schema.</summary>
internal sealed class VerificationDbContext : DbContext, ISchemaScoped
{
    private readonly VerificationStorage _storage;

    public VerificationDbContext(DbContextOptions<VerificationDbContext> options, VerificationStorage storage)
        : base(options)
    {
        _storage = storage;
    }

    public DbSet<Realm> Realms => Set<Realm>();

    public DbSet<HealthWorker> HealthWorkers => Set<HealthWorker>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<VerificationCode> Codes => Set<VerificationCode>();

    public DbSet<VerificationToken> Tokens => Set<VerificationToken>();

    public DbSet<DailyCount> DailyCounts => Set<DailyCount>();

    public DbSet<ServerSecret> Secrets => Set<ServerSecret>();

    /// <summary>The schema the model was built for (part of the model cache key).</summary>
    public string? ModelSchema => _storage.Database.ModelSchema;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back as Kind=Unspecified and Npgsql rejects Kind=Local: every time is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (ModelSchema is { } schema)
        {
            modelBuilder.HasDefaultSchema(schema);
        }

        modelBuilder.Entity<Realm>(e =>
        {
            e.ToTable("realms");
            e.Property(r => r.Name).HasMaxLength(64);
            e.HasIndex(r => r.Name).IsUnique();
        });
        modelBuilder.Entity<HealthWorker>(e =>
        {
            e.ToTable("health_workers");
            e.Property(u => u.UserName).HasMaxLength(64);
            e.Property(u => u.SecurityStamp).HasMaxLength(64);
            e.HasIndex(u => u.UserName).IsUnique();
            e.HasOne(u => u.Realm).WithMany().HasForeignKey(u => u.RealmId);
        });
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.Property(k => k.Name).HasMaxLength(100);
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasOne(k => k.Realm).WithMany().HasForeignKey(k => k.RealmId);
        });
        modelBuilder.Entity<VerificationCode>(e =>
        {
            e.ToTable("codes");
            e.HasIndex(c => c.ShortCodeHmac).IsUnique();
            e.HasIndex(c => c.LongCodeHmac).IsUnique();
            e.HasIndex(c => c.LongExpiresAt);
            e.Property(c => c.Uuid).HasMaxLength(36);
            e.HasIndex(c => new { c.RealmId, c.Uuid }).IsUnique();
            e.HasOne<Realm>().WithMany().HasForeignKey(c => c.RealmId);
        });
        modelBuilder.Entity<VerificationToken>(e =>
        {
            e.ToTable("tokens");
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.ExpiresAt);
            e.HasOne<Realm>().WithMany().HasForeignKey(t => t.RealmId);
        });
        modelBuilder.Entity<DailyCount>(e =>
        {
            e.ToTable("daily_counts");
            e.HasKey(d => new { d.RealmId, d.Day });
            e.HasOne<Realm>().WithMany().HasForeignKey(d => d.RealmId);
        });
        modelBuilder.Entity<ServerSecret>(e =>
        {
            e.ToTable("secrets");
            e.HasKey(s => s.Name);
            e.Property(s => s.Name).HasMaxLength(64);
        });
    }

    private sealed class UtcConverter : ValueConverter<DateTime, DateTime>
    {
        public UtcConverter()
            : base(v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
        {
        }
    }
}
