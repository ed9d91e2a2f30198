using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gardefou.Keys.Storage;

/// <summary>Ready when the key database answers and the secrets are loaded.</summary>
internal sealed class KeysHealthCheck : IHealthCheck
{
    private readonly KeysDbContext _db;
    private readonly KeysSecrets _secrets;

    public KeysHealthCheck(KeysDbContext db, KeysSecrets secrets)
    {
        _db = db;
        _secrets = secrets;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_secrets.IsLoaded)
        {
            return HealthCheckResult.Unhealthy("keys: not initialized");
        }
        return await _db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("keys")
            : HealthCheckResult.Unhealthy("keys: database unreachable");
    }
}
