using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Gardefou.Registry.Tests.Support;

/// <summary>A browser-like client signed in to the registry admin pages (cookie kept by the handler).</summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _client;

    private AdminClient(HttpClient client) => _client = client;

    public HttpClient Http => _client;

    public static async Task<AdminClient> SignInAsync(RegistryServer server, string user = "admin", string password = "correct horse battery")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var response = await client.PostAsync("/registry/admin/login", new FormUrlEncodedContent([new("username", user), new("password", password)]), TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"sign-in answered {response.StatusCode}");
        }
        return new AdminClient(client);
    }

    public async Task<JsonElement> ImportAsync(string format, params (string Name, string Text)[] files)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            content.Add(new StringContent(text), "files", name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/registry/admin/import/{format}") { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var text2 = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import answered {response.StatusCode}: {text2}");
        }
        return JsonDocument.Parse(text2).RootElement.Clone();
    }

    public void Dispose() => _client.Dispose();
}
