using Gardefou.Hosting.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Hosting.Tests.Storage;

/// <summary>A one-table context standing in for a domain: the plumbing must work for any model it is given.</summary>
internal sealed class NoteContext(DatabaseLocation location) : DbContext(DomainDatabase.Configure(new DbContextOptionsBuilder<NoteContext>(), location).Options), ISchemaScoped
{
    public DbSet<Note> Notes => Set<Note>();

    public string? ModelSchema { get; } = location.ModelSchema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (ModelSchema is { } schema)
        {
            modelBuilder.HasDefaultSchema(schema);
        }
        modelBuilder.Entity<Note>(e =>
        {
            e.ToTable("notes");
            e.HasKey(n => n.Id);
        });
    }
}

/// <summary>The one row type of <see cref="NoteContext"/>.</summary>
internal sealed class Note
{
    public int Id { get; set; }

    public string Text { get; set; } = "";
}
