using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Gardefou.Protocol.Export;
using Microsoft.Extensions.Logging;

namespace Gardefou.Keys.Trust;

/// <summary>
/// The health authorities whose certificates the key service accepts, by <c>healthAuthorityID</c>. Keys come from
/// PEM files, from a verification server's well-known URL (fetched on demand, refreshed every few minutes), or
/// from the host (<see cref="TrustKeySet"/>) when verification runs in the same process.
/// </summary>
public sealed class HealthAuthorityTrust
{
    /// <summary>The authority accepted without configuration (the demo set-up).</summary>
    public const string DemoAuthority = "demo";

    /// <summary>The <c>aud</c> the local verification service writes by default.</summary>
    public const string DefaultAudience = "gardefou-keys";

    /// <summary>The <c>iss</c> the local verification service writes by default.</summary>
    public const string DefaultIssuer = "gardefou-verification";

    private static readonly TimeSpan s_refreshAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_unknownKeyRetry = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, TrustedAuthority> _authorities = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly IHttpClientFactory _http;
    private readonly ILogger<HealthAuthorityTrust> _logger;

    public HealthAuthorityTrust(KeysOptions options, TimeProvider clock, IHttpClientFactory http, ILogger<HealthAuthorityTrust> logger)
    {
        _clock = clock;
        _http = http;
        _logger = logger;
        var configured = options.HealthAuthorities.Count > 0
            ? options.HealthAuthorities
            : new Dictionary<string, HealthAuthorityOptions> { [DemoAuthority] = new() { Issuer = DefaultIssuer, Audience = DefaultAudience } };
        foreach (var (id, authority) in configured)
        {
            var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
            if (authority.PublicKeyPemFile is { } file)
            {
                // A configured key that cannot be read is an operator error: fail at start, not at the first upload.
                keys[authority.PublicKeyId ?? "v1"] = EcdsaPem.LoadPublicKey(File.ReadAllText(file));
            }
            Set(id, authority.Issuer, authority.Audience ?? DefaultAudience, keys, authority.VerificationKeysUrl, DateTimeOffset.MinValue);
        }
    }

    /// <summary>The configured authority ids.</summary>
    public IReadOnlyCollection<string> Authorities => [.. _authorities.Keys];

    /// <summary>Trusts the keys (and issuer and audience) of a verification server's key set for <paramref name="healthAuthorityId"/>.</summary>
    public void TrustKeySet(string healthAuthorityId, VerificationKeySetJson keySet)
    {
        ArgumentNullException.ThrowIfNull(keySet);
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var key in keySet.Keys ?? [])
        {
            if (key?.Kid is { Length: > 0 } kid && key.Alg is null or "ES256" && EcdsaPem.TryLoadPublicKey(key.PublicKeyPem, out var ecdsa, out _))
            {
                keys[kid] = ecdsa;
            }
        }
        _authorities.TryGetValue(healthAuthorityId, out var current);
        Set(healthAuthorityId, keySet.Issuer ?? current?.Issuer, keySet.Audience ?? current?.Audience ?? DefaultAudience, keys, current?.KeysUrl, _clock.GetUtcNow());
    }

    /// <summary>Fetches <paramref name="healthAuthorityId"/>'s keys from <paramref name="url"/> (a <c>/.well-known/gardefou/verification-keys</c>) from now on.</summary>
    public async Task UseKeysUrlAsync(string healthAuthorityId, Uri url, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        _authorities.TryGetValue(healthAuthorityId, out var current);
        Set(healthAuthorityId, current?.Issuer, current?.Audience ?? DefaultAudience, current?.Keys.ToDictionary() ?? [], url, DateTimeOffset.MinValue);
        await GetAsync(healthAuthorityId, unknownKey: false, ct);
    }

    /// <summary>Whether <paramref name="healthAuthorityId"/> has a source of keys (configured keys or a URL).</summary>
    public bool HasKeySource(string healthAuthorityId) =>
        _authorities.TryGetValue(healthAuthorityId, out var authority) && (authority.Keys.Count > 0 || authority.KeysUrl is not null);

    /// <summary>The authority, refreshing its keys from its URL when they are missing or stale; null when unknown.</summary>
    internal async ValueTask<TrustedAuthority?> GetAsync(string? healthAuthorityId, bool unknownKey, CancellationToken ct)
    {
        if (healthAuthorityId is null || !_authorities.TryGetValue(healthAuthorityId, out var authority))
        {
            return null;
        }
        var age = _clock.GetUtcNow() - authority.FetchedAt;
        if (authority.KeysUrl is not null && (age > s_refreshAfter || ((unknownKey || authority.Keys.Count == 0) && age > s_unknownKeyRetry)))
        {
            await RefreshAsync(authority, ct);
            _authorities.TryGetValue(healthAuthorityId, out authority);
        }
        return authority;
    }

    private async Task RefreshAsync(TrustedAuthority authority, CancellationToken ct)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            var client = _http.CreateClient(nameof(HealthAuthorityTrust));
            client.Timeout = TimeSpan.FromSeconds(10);
            var set = await client.GetFromJsonAsync<VerificationKeySetJson>(authority.KeysUrl, ct);
            if (set is not null)
            {
                TrustKeySet(authority.Id, set);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            Log.TrustLoadFailed(_logger, authority.Id, exception.GetType().Name);
            // Keep the old keys, and do not hammer the server: the next attempt waits for the retry delay.
            Set(authority.Id, authority.Issuer, authority.Audience, authority.Keys.ToDictionary(), authority.KeysUrl, _clock.GetUtcNow());
        }
        finally
        {
            _refresh.Release();
        }
    }

    private void Set(string id, string? issuer, string audience, Dictionary<string, ECDsa> keys, Uri? url, DateTimeOffset fetchedAt) =>
        _authorities[id] = new TrustedAuthority(id, issuer, audience, keys.ToFrozenDictionary(StringComparer.Ordinal), url, fetchedAt, _clock);
}
