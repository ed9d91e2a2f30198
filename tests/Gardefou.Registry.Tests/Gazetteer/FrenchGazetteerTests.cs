using Gardefou.Registry.Gazetteer;

namespace Gardefou.Registry.Tests.Gazetteer;

public sealed class FrenchGazetteerTests
{
    [Theory]
    [InlineData("69003", "Lyon")]
    [InlineData("75001", "Paris")]
    [InlineData("75101", "Paris 1er Arrondissement")]
    [InlineData("42100", "Saint-Étienne")]
    [InlineData("lyon", "Lyon")]
    [InlineData("SAINT-ETIENNE", "Saint-Étienne")]
    [InlineData("st etienne", "Saint-Étienne")]
    [InlineData("Besancon", "Besançon")]
    [InlineData("13055", "Marseille")]
    public void Resolves_postcodes_codes_and_names_without_regard_to_accents_or_case(string query, string expected)
    {
        var place = FrenchGazetteer.Shared.Resolve(query);
        Assert.NotNull(place);
        Assert.Equal(expected, place.Name);
        Assert.InRange(place.Latitude, 41, 52); // metropolitan France
        Assert.InRange(place.Longitude, -5.5, 10);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Atlantis")]
    [InlineData("99999")]
    public void Unknown_places_resolve_to_nothing(string query) => Assert.Null(FrenchGazetteer.Shared.Resolve(query));

    [Fact]
    public void The_shipped_file_covers_the_country_with_points_for_every_large_commune()
    {
        var located = FrenchGazetteer.Shared.Located;
        Assert.InRange(located.Count, 34_000, 36_000);
        var large = located.Where(p => p.Population > 20_000).ToList();
        Assert.True(large.Count(p => !p.Approximate) >= large.Count * 0.98, "GeoNames should place nearly every large commune");
        var lyon = FrenchGazetteer.Shared.Resolve("Lyon")!;
        Assert.Equal(45.7485, lyon.Latitude, 3);
        Assert.Equal(4.8467, lyon.Longitude, 3);
    }
}
