using Gardefou.Verification.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Features.PublicKeys;

/// <summary><c>GET /.well-known/gardefou/verification-keys</c>: what a key service needs to trust our certificates.</summary>
internal static class PublicKeysApi
{
    public const string Route = "/.well-known/gardefou/verification-keys";

    public static IEndpointRouteBuilder MapPublicKeys(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, Get)
            .WithName("VerificationKeys")
            .WithTags("Verification")
            .WithSummary("Public keys (kid + SubjectPublicKeyInfo PEM) that verify certificates, with their issuer and audience.")
            .Produces<VerificationKeySet>();
        return endpoints;
    }

    private static Ok<VerificationKeySet> Get(DomainKeys keys, IOptions<VerificationOptions> options) =>
        TypedResults.Ok(new VerificationKeySet(
            options.Value.Issuer,
            options.Value.Audience,
            [new VerificationPublicKey(keys.KeyId, "ES256", keys.PublicKeyPem)]));
}
