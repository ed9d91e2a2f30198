using Gardefou.Simulation.Places;

namespace Gardefou.Simulation.Tests.Places;

public sealed class CommuneCatalogTests
{
    [Fact]
    public void Embedded_catalogue_holds_every_current_commune_of_France()
    {
        var communes = CommuneCatalog.France.Communes;
        Assert.Equal(34_957, communes.Count);
        Assert.Equal(68_952_941L, communes.Sum(c => (long)c.Population));
        Assert.Contains(communes, c => c.Code == "75056" && c.Name == "Paris" && c.Departement == "75");
    }

    [Theory]
    [InlineData("75056", 1)]
    [InlineData("Paris", 1)]
    [InlineData("saint-etienne", 1)]
    [InlineData("2A", 124)]
    public void Selects_by_code_name_or_departement(string selector, int expected)
    {
        var selected = CommuneCatalog.France.Select([selector]);
        Assert.Equal(expected, selected.Count);
    }

    [Fact]
    public void Unknown_place_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => CommuneCatalog.France.Select(["Atlantis"]));
        Assert.Contains("Atlantis", error.Message);
    }
}
