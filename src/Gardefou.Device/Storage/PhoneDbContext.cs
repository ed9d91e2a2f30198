using Microsoft.EntityFrameworkCore;

namespace Gardefou.Device.Storage;

/// <summary>
/// The phone's only database, <c>phone.db</c> in its data directory. Its schema is deliberately poor: keys, what was
/// heard (identifier, encrypted metadata, signal strength, scan time), settings and exposure days. There is no column
/// for a place, an address, a name or any peer identity, and a test inspects the schema to keep it that way.
/// </summary>
internal sealed class PhoneDbContext : DbContext
{
    public PhoneDbContext(DbContextOptions<PhoneDbContext> options)
        : base(options)
    {
    }

    public DbSet<KeyRecord> Keys => Set<KeyRecord>();

    public DbSet<SightingRecord> Sightings => Set<SightingRecord>();

    public DbSet<SettingRecord> Settings => Set<SettingRecord>();

    public DbSet<ExposureDayRecord> ExposureDays => Set<ExposureDayRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KeyRecord>(key =>
        {
            key.ToTable("keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.KeyData).IsRequired();
            key.HasIndex(k => k.RollingStart);
        });
        modelBuilder.Entity<SightingRecord>(sighting =>
        {
            sighting.ToTable("sightings");
            sighting.HasKey(s => s.Id);
            sighting.Property(s => s.Rpi).IsRequired();
            sighting.Property(s => s.Aem).IsRequired();
            sighting.HasIndex(s => s.ScanTime);
        });
        modelBuilder.Entity<SettingRecord>(setting =>
        {
            setting.ToTable("settings");
            setting.HasKey(s => s.Name);
            setting.Property(s => s.Value).IsRequired();
        });
        modelBuilder.Entity<ExposureDayRecord>(day =>
        {
            day.ToTable("exposure_days");
            day.HasKey(d => d.Day);
        });
    }
}
