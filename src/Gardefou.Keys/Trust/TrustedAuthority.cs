using System.Collections.Frozen;
using System.Security.Cryptography;
using Gardefou.Protocol.Certificates;

namespace Gardefou.Keys.Trust;

/// <summary>An immutable snapshot of one health authority's trust: its issuer, audience, keys, and the validator built on them.</summary>
internal sealed class TrustedAuthority
{
    public TrustedAuthority(string id, string? issuer, string audience, FrozenDictionary<string, ECDsa> keys, Uri? keysUrl, DateTimeOffset fetchedAt, TimeProvider clock)
    {
        Id = id;
        Issuer = issuer;
        Audience = audience;
        Keys = keys;
        KeysUrl = keysUrl;
        FetchedAt = fetchedAt;
        Validator = new CertificateValidator(new CertificateValidatorOptions
        {
            Audience = audience,
            ResolveKey = (iss, kid) => (Issuer is null || iss == Issuer) && Keys.TryGetValue(kid, out var key) ? key : null,
        }, clock);
    }

    public string Id { get; }

    public string? Issuer { get; }

    public string Audience { get; }

    public FrozenDictionary<string, ECDsa> Keys { get; }

    public Uri? KeysUrl { get; }

    public DateTimeOffset FetchedAt { get; }

    public CertificateValidator Validator { get; }
}
