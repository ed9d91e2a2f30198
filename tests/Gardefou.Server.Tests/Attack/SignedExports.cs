using Gardefou.Protocol.Export;

namespace Gardefou.Server.Tests.Attack;

/// <summary>Every export an instance lists, downloaded from it, its signature checked; the keys they hold.</summary>
internal static class SignedExports
{
    public sealed record Listing(Dictionary<string, List<string>> KeysByFile, List<string> Problems);

    /// <summary>
    /// Reads <c>index.txt</c> of <paramref name="lister"/> and downloads every file it lists from each of
    /// <paramref name="servers"/> (every instance must serve every file any instance lists).
    /// </summary>
    public static async Task<Listing> ReadAsync(HttpClient lister, IReadOnlyList<HttpClient> servers, CancellationToken ct)
    {
        var keysByFile = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        using var signingKey = EcdsaPem.LoadPublicKey(await lister.GetStringAsync("v1/exports/public-key.pem", ct));
        var index = await lister.GetStringAsync("v1/exports/index.txt", ct);
        foreach (var file in index.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var server in servers)
            {
                using var response = await server.GetAsync($"v1/exports/{file}", ct);
                if (!response.IsSuccessStatusCode)
                {
                    problems.Add($"{server.BaseAddress} answered {(int)response.StatusCode} for {file}, listed by {lister.BaseAddress}");
                    continue;
                }
                var contents = ExportFileReader.Read(await response.Content.ReadAsByteArrayAsync(ct));
                if (!ExportSignatureVerifier.Verify(contents, signingKey))
                {
                    problems.Add($"{file} from {server.BaseAddress}: bad signature");
                    continue;
                }
                keysByFile[file] = [.. contents.Batch.Keys.Select(k => k.Key.ToBase64())];
            }
        }
        return new Listing(keysByFile, problems);
    }
}
