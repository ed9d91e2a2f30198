using Gardefou.Registry.Freshness;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Availability;

/// <summary>Checks a report before anything is written; the error text goes back to the operator.</summary>
internal static class UpdateValidator
{
    public const int MaxCount = 1_000_000;

    public static bool TryValidate(AvailabilityUpdate? update, DateTimeOffset now, FreshnessPolicy freshness, out ValidatedUpdate valid, out string error)
    {
        valid = null!;
        error = "";
        if (update is null)
        {
            error = "an update must be a JSON object";
            return false;
        }
        if (!ResourceType.TryParse(update.Type, out var type))
        {
            error = $"'type' must be one of {string.Join(", ", ResourceType.All.Select(t => t.Name))}";
            return false;
        }
        var closed = update.Closed == true;
        AvailabilityBand? band = null;
        if (update.Band is not null)
        {
            if (!Bands.TryParse(update.Band, out var b))
            {
                error = "'band' must be none, low, some or many";
                return false;
            }
            band = b;
        }
        if (!closed && update.Available is null && band is null)
        {
            error = "give 'available' (a count), 'band', or 'closed': true";
            return false;
        }
        if (update.Available is < 0 or > MaxCount || update.Total is < 0 or > MaxCount)
        {
            error = $"'available' and 'total' must be between 0 and {MaxCount}";
            return false;
        }
        if (update.Available is { } a && update.Total is { } t && a > t)
        {
            error = "'available' cannot exceed 'total'";
            return false;
        }
        if (update.Basis is not null && (type.Category != ResourceCategory.Bed || update.Basis is not ("staffed" or "physical")))
        {
            error = "'basis' is for beds only and must be staffed or physical";
            return false;
        }
        // A site's clock may run a little fast; a report from the future is not believable beyond that.
        var checkedAt = update.CheckedAt ?? now;
        if (checkedAt > now + TimeSpan.FromMinutes(5) || checkedAt < now - TimeSpan.FromDays(30))
        {
            error = "'checkedAt' must be within the last 30 days and not in the future";
            return false;
        }
        var validUntil = update.ValidUntil ?? checkedAt + freshness.TimeToLive(type.Category);
        if (validUntil <= checkedAt)
        {
            error = "'validUntil' must be after 'checkedAt'";
            return false;
        }
        valid = new ValidatedUpdate(type, closed ? 0 : update.Available, closed ? AvailabilityBand.None : band, update.Total, update.Basis,
            closed, checkedAt.ToUniversalTime(), validUntil.ToUniversalTime());
        return true;
    }
}
