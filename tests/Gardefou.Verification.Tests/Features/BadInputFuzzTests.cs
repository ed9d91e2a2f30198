using System.Text;
using System.Text.Json;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Tests.Features;

/// <summary>
/// Thousands of malformed, oversized, wrongly typed and replayed requests, from a seeded generator, to every
/// endpoint: none may get a 5xx, every API refusal carries Google's error members, and the stored data does not change.
/// </summary>
public abstract partial class BadInputFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261128;
    private readonly StoreKind _kind;
    private readonly int _requests;
    private TestServer _server = null!;
    private string _apiKey = "";
    private readonly List<string> _usedCodes = [];
    private readonly List<string> _usedTokens = [];

    protected BadInputFuzzTests(StoreKind kind, int requests)
    {
        _kind = kind;
        _requests = requests;
    }

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(_kind, new Dictionary<string, string?> { ["Verification:VerifyRequestsPerMinute"] = "100000", ["Verification:WrongCodesPerRealmPerMinute"] = "100000", ["Verification:WrongCodesPerMinute"] = "100000" });
        _apiKey = (await _server.CreateApiKeyAsync()).Key;
        // Replay material only: every code is claimed and every token used, so no request can succeed by chance.
        for (var i = 0; i < 2; i++)
        {
            var (code, longCode) = await ApiCalls.IssueCodeAsync(_server.Client, _apiKey);
            var token = (await ApiCalls.ReadJsonAsync(await ApiCalls.VerifyAsync(_server.Client, i == 0 ? code : longCode))).GetProperty("token").GetString()!;
            (await ApiCalls.CertificateAsync(_server.Client, token, ApiCalls.PublishedTekHmac())).EnsureSuccessStatusCode();
            _usedCodes.AddRange([code, longCode]);
            _usedTokens.Add(token);
        }
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task No_bad_request_gets_a_server_error_or_changes_stored_data()
    {
        var before = await SnapshotAsync();
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, _requests).Select(_ => NextRequest(random)).ToList();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = TestContext.Current.CancellationToken }, async (request, ct) =>
        {
            using var message = request.ToMessage();
            using var response = await _server.Client.SendAsync(message, ct);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            var body = await response.Content.ReadAsStringAsync(ct);
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500 || (status == 200 && request.Path.StartsWith("/api/", StringComparison.Ordinal) && !request.IsChaff))
                {
                    failures.Add($"{status} {request}");
                }
                else if (request.Path.StartsWith("/api/", StringComparison.Ordinal) && status is >= 400 and not 404 && (type != "application/json" || !body.Contains("\"errorCode\":", StringComparison.Ordinal)))
                {
                    failures.Add($"{status} without Google's error shape ({type}): {request}");
                }
            }
        });

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.Empty(failures.Take(20));
        Assert.Equal(before, await SnapshotAsync());
        Assert.True(statuses.Keys.Count(s => s is >= 400 and < 500) >= 4, "the generator should reach several kinds of refusal");
    }

    private async Task<string> SnapshotAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var state = new
        {
            Realms = await db.Realms.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct),
            Users = await db.HealthWorkers.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.UserName, u.PasswordHash, u.FailedLogins, u.LockedUntil, u.Disabled, u.SecurityStamp }).ToListAsync(ct),
            Keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => new { k.Id, k.KeyHash, k.Revoked }).ToListAsync(ct),
            Codes = await db.Codes.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct),
            Tokens = await db.Tokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct),
            Counts = await db.DailyCounts.AsNoTracking().OrderBy(d => d.RealmId).ThenBy(d => d.Day).ToListAsync(ct),
            Secrets = await db.Secrets.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct),
        };
        Assert.Equal(4, state.Codes.Count + state.Tokens.Count);
        return JsonSerializer.Serialize(state);
    }

    internal sealed record FuzzRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? ApiKey, bool IsChaff)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(Method, Path);
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }
            if (ApiKey is not null)
            {
                message.Headers.TryAddWithoutValidation("X-API-Key", ApiKey);
            }
            if (IsChaff)
            {
                message.Headers.Add("X-Chaff", "1");
            }
            return message;
        }

        public override string ToString()
        {
            var body = Body is null ? "" : Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 120)));
            return $"{Method} {Path} key={(ApiKey is null ? "none" : "set")} chaff={IsChaff} {ContentType} {body}";
        }
    }
}
