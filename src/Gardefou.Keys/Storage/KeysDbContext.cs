using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Gardefou.Keys.Storage;

/// <summary>The diagnosis-key domain's database: keys, export batches, files and their bytes, and its own secrets.</summary>
public sealed class KeysDbContext : DbContext
{
    private readonly string? _schema;

    /// <summary>Creates a context; <paramref name="storage"/> decides the PostgreSQL schema.</summary>
    public KeysDbContext(DbContextOptions<KeysDbContext> options, KeysStorage storage)
        : base(options)
    {
        _schema = storage.UsesPostgres ? storage.Schema : null;
    }

    /// <summary>The schema this context maps to (null on SQLite); part of the model cache key.</summary>
    internal string? Schema => _schema;

    public DbSet<DiagnosisKeyRow> DiagnosisKeys => Set<DiagnosisKeyRow>();

    public DbSet<ExportBatchRow> ExportBatches => Set<ExportBatchRow>();

    public DbSet<ExportFileRow> ExportFiles => Set<ExportFileRow>();

    public DbSet<ExportFileContentRow> ExportFileContents => Set<ExportFileContentRow>();

    public DbSet<SecretRow> Secrets => Set<SecretRow>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (_schema is not null)
        {
            modelBuilder.HasDefaultSchema(_schema);
        }

        modelBuilder.Entity<DiagnosisKeyRow>(key =>
        {
            key.ToTable("diagnosis_keys");
            key.HasKey(k => k.KeyData);
            key.Property(k => k.KeyData).HasMaxLength(16);
            key.HasIndex(k => k.CreatedHour);
            key.HasIndex(k => new { k.PeriodBatchId, k.PublishableFrom });
            key.HasIndex(k => new { k.DailyBatchId, k.PublishableFrom });
        });
        modelBuilder.Entity<ExportBatchRow>(batch =>
        {
            batch.ToTable("export_batches");
            batch.HasKey(b => b.Id);
            batch.Property(b => b.Series).HasMaxLength(16);
            batch.HasIndex(b => new { b.Series, b.WindowStart }).IsUnique();
        });
        modelBuilder.Entity<ExportFileRow>(file =>
        {
            file.ToTable("export_files");
            file.HasKey(f => f.Id);
            file.Property(f => f.Path).HasMaxLength(200);
            file.Property(f => f.Series).HasMaxLength(16);
            file.HasIndex(f => f.Path).IsUnique();
            file.HasIndex(f => new { f.Series, f.WindowEnd });
        });
        modelBuilder.Entity<ExportFileContentRow>(content =>
        {
            // Its own table, so listing and retention never read the zips; KeysSchemaUpgrade adds it to older databases.
            content.ToTable(KeysSchemaUpgrade.ExportFileContentsTable);
            content.HasKey(c => c.Path);
            content.Property(c => c.Path).HasMaxLength(200);
        });
        modelBuilder.Entity<SecretRow>(secret =>
        {
            secret.ToTable("secrets");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(32);
        });
    }

    /// <summary>Two contexts on different schemas in one process must not share a cached model.</summary>
    private sealed class SchemaModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), (context as KeysDbContext)?.Schema, designTime);
    }
}
