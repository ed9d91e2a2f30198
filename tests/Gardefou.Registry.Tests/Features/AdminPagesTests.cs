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

    [GeneratedRegex("<code id=credential>([^<]+)</code>")]
    private static partial Regex CredentialPattern();
}
