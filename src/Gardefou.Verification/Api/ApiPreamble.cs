using Gardefou.Verification.Codes;
using Gardefou.Verification.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gardefou.Verification.Api;

/// <summary>
/// The opening the Issue, Verify and Certificate handlers share, written once: who is calling (an API key of a
/// realm), whether it is chaff, and whether the programme has ended. The early answer is the outcome's error.
/// </summary>
internal static class ApiPreamble
{
    /// <summary>
    /// The opening of <c>/api/verify</c> and <c>/api/certificate</c>: a device key (when the realm requires one),
    /// then chaff (answered with <paramref name="chaff"/>, never processed), then the sunset.
    /// </summary>
    public static async Task<Outcome<RealmScope, ApiAnswer>> OpenDeviceRequestAsync(
        HttpContext context, VerificationDbContext db, CodeService codes, ILogger log, int paddedSize, Func<ApiAnswer> chaff, CancellationToken ct)
    {
        if (await ApiKeyLookup.ScopeOfDeviceAsync(db, context.Request, ct) is not { } scope)
        {
            Log.ApiKeyRejected(log);
            return Outcome.Fail(ApiErrors.Unauthorized(paddedSize));
        }
        if (Chaff.IsChaff(context.Request))
        {
            return Outcome.Fail(chaff());
        }
        if (await HasEndedAsync(codes, ct))
        {
            return Outcome.Fail(ApiErrors.Sunset(paddedSize));
        }
        return scope;
    }

    /// <summary>The opening of <c>/api/issue</c>: an admin key of a realm, then maintenance, then the sunset.</summary>
    public static async Task<Outcome<int, ApiAnswer>> OpenIssueRequestAsync(
        HttpContext context, VerificationDbContext db, CodeService codes, VerificationOptions settings, ILogger log, CancellationToken ct)
    {
        if (await ApiKeyLookup.RealmOfAsync(db, context.Request, ApiKeyKind.Admin, ct) is not { } realmId)
        {
            Log.ApiKeyRejected(log);
            return Outcome.Fail(ApiErrors.Unauthorized());
        }
        if (settings.MaintenanceMode)
        {
            return Outcome.Fail(ApiErrors.Maintenance());
        }
        if (await HasEndedAsync(codes, ct))
        {
            return Outcome.Fail(ApiErrors.Sunset());
        }
        return realmId;
    }

    /// <summary>Whether the programme has ended; if so, what is left of the codes is purged first.</summary>
    private static async Task<bool> HasEndedAsync(CodeService codes, CancellationToken ct)
    {
        if (!codes.IsPastSunset)
        {
            return false;
        }
        await codes.PurgeAfterSunsetAsync(ct);
        return true;
    }
}
