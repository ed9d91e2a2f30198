using System.Buffers;
using System.Text.Json;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Publication;

/// <summary>
/// Open Referral HSDS 3-shaped JSON: locations with schedules (RRULE fields) and accessibility, and one service per
/// offered resource with its <c>service_capacity</c> (unit, available, maximum, updated).
/// </summary>
internal static class HsdsWriter
{
    public static byte[] Write(IReadOnlyList<IndexedSite> sites, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, sites.Count * 900));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("generated_at", now.UtcDateTime);
            w.WriteStartArray("locations");
            foreach (var site in sites)
            {
                var info = site.Info;
                w.WriteStartObject();
                w.WriteString("id", info.Id);
                w.WriteString("name", info.Name);
                w.WriteString("location_type", "physical");
                w.WriteNumber("latitude", info.Latitude);
                w.WriteNumber("longitude", info.Longitude);
                w.WriteStartArray("addresses");
                w.WriteStartObject();
                w.WriteString("address_1", info.Street);
                w.WriteString("city", info.City);
                w.WriteString("postal_code", info.Postcode);
                w.WriteString("country", "FR");
                w.WriteString("address_type", "physical");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("accessibility");
                if (info.Wheelchair)
                {
                    w.WriteStartObject();
                    w.WriteString("description", "wheelchair accessible");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("languages");
                foreach (var language in info.Languages)
                {
                    w.WriteStartObject();
                    w.WriteString("code", language);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("schedules");
                foreach (var line in info.OpeningHours.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    w.WriteStartObject();
                    foreach (var part in line.Split(';'))
                    {
                        var eq = part.IndexOf('=');
                        if (eq > 0)
                        {
                            w.WriteString(part[..eq].ToLowerInvariant() switch { "opens" => "opens_at", "closes" => "closes_at", var k => k }, part[(eq + 1)..]);
                        }
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("services");
            foreach (var site in sites)
            {
                foreach (var type in site.Info.Offers)
                {
                    w.WriteStartObject();
                    w.WriteString("id", $"{site.Id}/{type.Name}");
                    w.WriteString("name", type.Name);
                    w.WriteString("status", "active");
                    w.WriteString("location_id", site.Id);
                    w.WriteStartArray("capacities");
                    if (Volatile.Read(ref site.Capacity[type.Code]) is { } c)
                    {
                        w.WriteStartObject();
                        w.WriteString("unit", type.Category switch { ResourceCategory.Bed => "beds", ResourceCategory.Test => "tests", _ => "masks" });
                        if (c.Available is { } available)
                        {
                            w.WriteNumber("available", available);
                        }
                        if (c.Total is { } total)
                        {
                            w.WriteNumber("maximum", total);
                        }
                        w.WriteString("updated", c.CheckedAt.UtcDateTime);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
