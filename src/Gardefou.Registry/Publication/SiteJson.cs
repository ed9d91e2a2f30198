using System.Text.Json;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Publication;

/// <summary>The site shape shared by tile files and the low-bandwidth page's data: everything a client needs to filter locally.</summary>
internal static class SiteJson
{
    public static void Write(Utf8JsonWriter w, IndexedSite site)
    {
        var info = site.Info;
        w.WriteStartObject();
        w.WriteString("id", info.Id);
        w.WriteString("name", info.Name);
        w.WriteString("kind", SearchMapper.KindName(info.Kind));
        w.WriteNumber("lat", info.Latitude);
        w.WriteNumber("lon", info.Longitude);
        w.WriteString("address", SearchMapper.Address(info));
        if (info.OpeningHours.Length > 0)
        {
            w.WriteString("hours", info.OpeningHours);
            w.WriteString("timeZone", info.TimeZone.Id);
        }
        w.WriteBoolean("wheelchair", info.Wheelchair);
        w.WriteBoolean("walkIn", info.WalkIn);
        w.WriteBoolean("driveThrough", info.DriveThrough);
        w.WriteBoolean("appointmentRequired", info.AppointmentRequired);
        w.WriteStartArray("languages");
        foreach (var language in info.Languages)
        {
            w.WriteStringValue(language);
        }
        w.WriteEndArray();
        if (info.Eligibility.Length > 0)
        {
            w.WriteString("eligibility", info.Eligibility);
        }
        if (info.BookingUrl is { } url)
        {
            w.WriteString("bookingUrl", url);
        }
        if (info.Phone is { } phone)
        {
            w.WriteString("phone", phone);
        }
        w.WriteStartArray("resources");
        foreach (var type in info.Offers)
        {
            w.WriteStartObject();
            w.WriteString("type", type.Name);
            if (Volatile.Read(ref site.Capacity[type.Code]) is { } c)
            {
                WriteCapacity(w, c);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCapacity(Utf8JsonWriter w, CapacitySnapshot c)
    {
        if (c.Available is { } available)
        {
            w.WriteNumber("available", available);
        }
        if (c.EffectiveBand is { } band)
        {
            w.WriteString("band", Bands.ToWire(band));
        }
        if (c.Total is { } total)
        {
            w.WriteNumber("total", total);
        }
        if (c.Basis is { } basis)
        {
            w.WriteString("basis", basis);
        }
        if (c.Closed)
        {
            w.WriteBoolean("closed", true);
        }
        w.WriteString("checkedAt", c.CheckedAt.UtcDateTime);
        w.WriteString("validUntil", c.ValidUntil.UtcDateTime);
        w.WriteString("changedAt", c.ChangedAt.UtcDateTime);
        w.WriteString("method", SearchMapper.MethodName(c.Method));
        w.WriteString("source", c.Source);
    }
}
