using Gardefou.Registry.Freshness;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Availability;

/// <summary>Checks a report before anything is written; the error text goes back to the operator.</summary>
internal static class UpdateValidator
{
    public const int MaxCount = 1_000_000;

    /// <summary>The report as it will be stored (times in UTC, a closure as zero), or the reason it is refused.</summary>
    public static Outcome<ValidatedUpdate, string> Validate(AvailabilityUpdate? update, DateTimeOffset now, FreshnessPolicy freshness)
    {
        if (update is null)
        {
            return Outcome.Fail("an update must be a JSON object");
        }
        if (!ResourceType.TryParse(update.Type, out var type))
        {
            return Outcome.Fail($"'type' must be one of {string.Join(", ", ResourceType.All.Select(t => t.Name))}");
        }
        var closed = update.Closed == true;
        AvailabilityBand? band = null;
        if (update.Band is not null)
        {
            if (!Bands.TryParse(update.Band, out var b))
            {
                return Outcome.Fail("'band' must be none, low, some or many");
            }
            band = b;
        }
        if (!closed && update.Available is null && band is null)
        {
            return Outcome.Fail("give 'available' (a count), 'band', or 'closed': true");
        }
        if (update.Available is < 0 or > MaxCount || update.Total is < 0 or > MaxCount)
        {
            return Outcome.Fail($"'available' and 'total' must be between 0 and {MaxCount}");
        }
        if (update.Available is { } a && update.Total is { } t && a > t)
        {
            return Outcome.Fail("'available' cannot exceed 'total'");
        }
        if (update.Basis is not null && (type.Category != ResourceCategory.Bed || update.Basis is not ("staffed" or "physical")))
        {
            return Outcome.Fail("'basis' is for beds only and must be staffed or physical");
        }
        // A site's clock may run a little fast; a report from the future is not believable beyond that.
        var checkedAt = update.CheckedAt ?? now;
        if (checkedAt > now + TimeSpan.FromMinutes(5) || checkedAt < now - TimeSpan.FromDays(30))
        {
            return Outcome.Fail("'checkedAt' must be within the last 30 days and not in the future");
        }
        var validUntil = update.ValidUntil ?? checkedAt + freshness.TimeToLive(type.Category);
        if (validUntil <= checkedAt)
        {
            return Outcome.Fail("'validUntil' must be after 'checkedAt'");
        }
        return new ValidatedUpdate(type, closed ? 0 : update.Available, closed ? AvailabilityBand.None : band, update.Total, update.Basis,
            closed, checkedAt.ToUniversalTime(), validUntil.ToUniversalTime());
    }
}
