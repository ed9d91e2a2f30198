using Gardefou.Keys.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Server;

/// <summary>
/// With both the keys and the verification roles in one process, the key service trusts the local verification
/// service's certificates as health authority <c>demo</c>, through the same well-known document a split deployment uses.
/// </summary>
public sealed partial class GardefouHost
{
    private const string VerificationKeysPath = ".well-known/gardefou/verification-keys";

    private async Task TrustLocalVerificationAsync(CancellationToken ct)
    {
        if (!Options.Roles.HasFlag(GardefouRoles.Keys) || !Options.Roles.HasFlag(GardefouRoles.Verification))
        {
            return;
        }
        var trust = Services.GetRequiredService<HealthAuthorityTrust>();
        if (!trust.Authorities.Contains(HealthAuthorityTrust.DemoAuthority) || trust.HasKeySource(HealthAuthorityTrust.DemoAuthority))
        {
            return;
        }
        await trust.UseKeysUrlAsync(HealthAuthorityTrust.DemoAuthority, new Uri(BaseAddress, VerificationKeysPath), ct);
    }
}
