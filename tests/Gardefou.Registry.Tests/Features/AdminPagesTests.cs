using System.Net;
using System.Text.RegularExpressions;
using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Features;

public sealed partial class AdminPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_issues_a_credential_that_works_then_revokes_it()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("p", 45.76, 4.84, "mask.ffp2"));
        using var admin = await AdminClient.SignInAsync(server);

        using var issued = await admin.Http.PostAsync("/registry/admin/credentials", new FormUrlEncodedContent([new("siteId", "p"), new("label", "till")]), Ct);
        var page = await issued.Content.ReadAsStringAsync(Ct);
        var credential = CredentialPattern().Match(page).Groups[1].Value;
        Assert.StartsWith("gfs_", credential);
        Assert.Equal(HttpStatusCode.OK, (await server.PostUpdateAsync("p", credential, new { type = "mask.ffp2", available = 4 })).StatusCode);

        using var revoked = await admin.Http.PostAsync("/registry/admin/credentials/revoke", new FormUrlEncodedContent([new("id", credential.Split('_')[1])]), Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.PostUpdateAsync("p", credential, new { type = "mask.ffp2", available = 3 })).StatusCode);
        Assert.Contains("revoked", await admin.Http.GetStringAsync("/registry/admin?site=p", Ct));
    }

    [Fact]
    public async Task Wrong_passwords_and_cross_site_forms_are_refused()
    {
        await using var server = await RegistryServer.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => AdminClient.SignInAsync(server, password: "wrong password!"));
        using var admin = await AdminClient.SignInAsync(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/registry/admin/accounts")
        {
            Content = new FormUrlEncodedContent([new("username", "mallory"), new("password", "a long enough password")]),
        };
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await admin.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => AdminClient.SignInAsync(server, "mallory", "a long enough password"));
    }

    [Fact]
    public async Task The_dashboard_lists_a_sites_credentials_with_labels_encoded_once_and_a_revoke_form_for_the_active_ones()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("p", 45.76, 4.84, "mask.ffp2"));
        using var admin = await AdminClient.SignInAsync(server);
        const string label = "Pharmacie d'Ain & <i>co</i>";
        using var issued = await admin.Http.PostAsync("/registry/admin/credentials", new FormUrlEncodedContent([new("siteId", "p"), new("label", label)]), Ct);
        var credential = CredentialPattern().Match(await issued.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        Assert.Equal("no-store", issued.Headers.CacheControl?.ToString());
        using var second = await admin.Http.PostAsync("/registry/admin/credentials", new FormUrlEncodedContent([new("siteId", "p"), new("label", "till 2")]), Ct);
        var secondId = CredentialPattern().Match(await second.Content.ReadAsStringAsync(Ct)).Groups[1].Value.Split('_')[1];
        (await admin.Http.PostAsync("/registry/admin/credentials/revoke", new FormUrlEncodedContent([new("id", secondId)]), Ct)).EnsureSuccessStatusCode();

        var html = await admin.Http.GetStringAsync("/registry/admin?site=p", Ct);
        var text = WebUtility.HtmlDecode(html);

        Assert.DoesNotContain("<i>co</i>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;amp;", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{label}</td>", text, StringComparison.Ordinal);
        Assert.Contains("<input name=\"site\" maxlength=\"64\" value=\"p\" />", text, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"id\" value=\"{credential.Split('_')[1]}\" />", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{secondId}\"", text, StringComparison.Ordinal);
        Assert.Matches($"<td>{secondId}</td>\\s*<td>till 2</td>\\s*<td>[0-9-]+ [0-9:]+Z</td>\\s*<td>revoked [0-9-]+ [0-9:]+Z</td>", text);
        Assert.Contains("<input type=\"file\" name=\"files\" multiple required />", text, StringComparison.Ordinal);
        Assert.Contains("<input type=\"file\" name=\"file\" required />", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_sites_and_credentials_get_a_404_page_that_says_so()
    {
        await using var server = await RegistryServer.StartAsync();
        using var admin = await AdminClient.SignInAsync(server);

        using var site = await admin.Http.PostAsync("/registry/admin/credentials", new FormUrlEncodedContent([new("siteId", "a&b")]), Ct);
        using var credential = await admin.Http.PostAsync("/registry/admin/credentials/revoke", new FormUrlEncodedContent([new("id", "nope")]), Ct);

        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
        Assert.Contains("<p role=\"alert\">No site with id a&b.</p>", WebUtility.HtmlDecode(await site.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, credential.StatusCode);
        Assert.Contains("<p role=\"alert\">No credential nope.</p>", WebUtility.HtmlDecode(await credential.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_sent_from_the_page_answers_a_page_listing_each_rejected_row()
    {
        await using var server = await RegistryServer.StartAsync();
        using var admin = await AdminClient.SignInAsync(server);
        using var content = new MultipartFormDataContent { { new StringContent(Imports.ImportTests.TestSitesCsv), "file", "sites.csv" } };

        using var response = await admin.Http.PostAsync("/registry/admin/import/test-sites", content, Ct);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<h1>Import: test-sites</h1>", text, StringComparison.Ordinal);
        Assert.Contains("<p>2 rows imported, 5 rejected.</p>", text, StringComparison.Ordinal);
        Assert.Equal(5, LineItemPattern().Count(text));
        Assert.Contains("line 8: ", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<li>[^<]*line [0-9]+: [^<]+</li>")]
    private static partial Regex LineItemPattern();

    [GeneratedRegex("<code id=\"credential\">([^<]+)</code>")]
    private static partial Regex CredentialPattern();
}
