using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gardefou.Verification.Portal;

/// <summary>
/// Shows instants in the realm's time zone (<see cref="VerificationOptions.RealmTimeZones"/>, else
/// <see cref="VerificationOptions.TimeZone"/>, Europe/Paris by default). IANA ids are read from the system's tzdata,
/// which works with InvariantGlobalization (no ICU needed). Numeric formats only: with invariant globalization there
/// are no localized month names, and a number reads the same in both languages.
/// </summary>
internal sealed class RealmClock
{
    private readonly VerificationOptions _options;

    public RealmClock(IOptions<VerificationOptions> options) => _options = options.Value;

    /// <summary>The zone of <paramref name="realm"/>.</summary>
    public TimeZoneInfo ZoneOf(string realm) =>
        TimeZoneInfo.FindSystemTimeZoneById(_options.RealmTimeZones.TryGetValue(realm, out var id) ? id : _options.TimeZone);

    /// <summary>E.g. "2026-11-28 13:15 (Europe/Paris, UTC+01:00)", or "28/11/2026 13:15 (…)" in French.</summary>
    public string Format(DateTimeOffset instant, string realm, PortalText text)
    {
        var zone = ZoneOf(realm);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var pattern = text.Lang == "fr" ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm";
        return $"{local.ToString(pattern, CultureInfo.InvariantCulture)} ({zone.Id}, UTC{sign}{offset.Duration():hh\\:mm})";
    }

    /// <summary>Whether every configured zone id exists on this system.</summary>
    public static bool AreValid(VerificationOptions options) =>
        new[] { options.TimeZone }.Concat(options.RealmTimeZones.Values).All(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _));
}
