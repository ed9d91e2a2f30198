using System.Net;
using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Features;

public sealed class LitePageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_lite_page_writes_a_name_with_an_apostrophe_an_ampersand_and_markup_encoded_exactly_once()
    {
        await using var server = await RegistryServer.StartAsync();
        var site = Sites.At("atelier", 45.7578, 4.8320, "mask.ffp2");
        site.Name = "L'Atelier & <b>Fils</b>";
        site.Phone = "04 78 00 00 00";
        await server.AddSitesAsync(site);
        (await server.PostUpdateAsync("atelier", await server.IssueCredentialAsync("atelier"), new { type = "mask.ffp2", available = 4 })).EnsureSuccessStatusCode();

        using var response = await server.Client.GetAsync("/registry/lite?place=Lyon&type=mask&lang=fr", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        // Markup in a name stays text; decoding the page once gives the name back exactly, so nothing was encoded twice.
        Assert.DoesNotContain("<b>Fils</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;amp;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;#", html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("<strong>L'Atelier & <b>Fils</b></strong>", text, StringComparison.Ordinal);
        Assert.Contains("4 restant(s) — mis à jour il y a 1 min", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:0478000000\">04 78 00 00 00</a>", text, StringComparison.Ordinal);
        Assert.Contains("<option value=\"mask\" selected>Masques</option>", text, StringComparison.Ordinal);
        Assert.Contains("Lits d'hôpital", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_lite_page_says_nothing_was_found_within_the_radius_and_keeps_the_place_in_the_form()
    {
        await using var server = await RegistryServer.StartAsync();

        using var response = await server.Client.GetAsync("/registry/lite?place=Lyon&type=bed&radiusKm=5", Ct);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing within 5 km.", text, StringComparison.Ordinal);
        Assert.Contains("value=\"Lyon\"", text, StringComparison.Ordinal);
        Assert.Contains("<option value=\"bed\" selected>Hospital beds</option>", text, StringComparison.Ordinal);
        Assert.Contains("<option value=\"5\" selected>5 km</option>", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/registry/lite?lang=fr\">Français</a>", text, StringComparison.Ordinal);
    }
}
