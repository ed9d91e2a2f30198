using Gardefou.Hosting.Storage;

namespace Gardefou.Hosting.Tests.Storage;

public sealed class SchemaNameTests
{
    [Theory]
    [InlineData("keys")]
    [InlineData("_staging")]
    [InlineData("registry_2")]
    public void Plain_lower_case_identifiers_are_accepted(string name) => Assert.Equal(name, SchemaName.Check(name));

    [Theory]
    [InlineData("")]
    [InlineData("Keys")]
    [InlineData("2keys")]
    [InlineData("keys\"; DROP SCHEMA public; --")]
    [InlineData("a-b")]
    public void Anything_that_would_need_quoting_is_refused(string name) => Assert.Throws<ArgumentException>(() => SchemaName.Check(name));

    [Fact]
    public void A_name_longer_than_postgres_allows_is_refused() => Assert.False(SchemaName.IsValid(new string('a', 64)));

    [Fact]
    public void The_default_schema_is_used_when_none_is_given_and_postgres_wins_over_sqlite()
    {
        var location = DatabaseLocation.Of("ignored.db", "Host=localhost", null, "verification");
        Assert.True(location.UsesPostgres);
        Assert.Null(location.SqlitePath);
        Assert.Equal("verification", location.ModelSchema);
        Assert.Null(DatabaseLocation.Of("notes.db", " ", "x", "keys").ModelSchema);
    }
}
