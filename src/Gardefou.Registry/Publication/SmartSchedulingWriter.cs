using System.Buffers;
using System.Text.Json;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Publication;

/// <summary>
/// SMART Scheduling Links: a <c>$bulk-publish</c> manifest pointing at Location, Schedule and Slot NDJSON files.
/// A site that offers tests gets one Schedule; its current test report becomes one Slot over its validity window,
/// free when something is available, with the count in the slot-capacity extension.
/// </summary>
internal static class SmartSchedulingWriter
{
    private const string Ext = "http://fhir-registry.smarthealthit.org/StructureDefinition/";

    public static IEnumerable<(string Name, byte[] Bytes)> Write(IReadOnlyList<IndexedSite> sites, DateTimeOffset now)
    {
        var locations = new ArrayBufferWriter<byte>(Math.Max(1024, sites.Count * 400));
        var schedules = new ArrayBufferWriter<byte>();
        var slots = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions { Indented = false };
        foreach (var site in sites)
        {
            var info = site.Info;
            Line(locations, options, w =>
            {
                w.WriteString("resourceType", "Location");
                w.WriteString("id", info.Id);
                w.WriteString("name", info.Name);
                w.WriteStartArray("identifier");
                foreach (var external in info.ExternalIds)
                {
                    var colon = external.IndexOf(':');
                    w.WriteStartObject();
                    w.WriteString("system", colon > 0 ? external[..colon] : "external");
                    w.WriteString("value", colon > 0 ? external[(colon + 1)..] : external);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (info.Phone is { } phone)
                {
                    w.WriteStartArray("telecom");
                    w.WriteStartObject();
                    w.WriteString("system", "phone");
                    w.WriteString("value", phone);
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                w.WriteStartObject("address");
                w.WriteStartArray("line");
                w.WriteStringValue(info.Street);
                w.WriteEndArray();
                w.WriteString("city", info.City);
                w.WriteString("postalCode", info.Postcode);
                w.WriteString("country", "FR");
                w.WriteEndObject();
                w.WriteStartObject("position");
                w.WriteNumber("latitude", info.Latitude);
                w.WriteNumber("longitude", info.Longitude);
                w.WriteEndObject();
            });
            var tests = info.Offers.Where(t => t.Category == ResourceCategory.Test).ToList();
            if (tests.Count == 0)
            {
                continue;
            }
            Line(schedules, options, w =>
            {
                w.WriteString("resourceType", "Schedule");
                w.WriteString("id", info.Id);
                w.WriteStartArray("actor");
                w.WriteStartObject();
                w.WriteString("reference", $"Location/{info.Id}");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartArray("serviceType");
                w.WriteStartObject();
                w.WriteString("text", "COVID-19 testing");
                w.WriteEndObject();
                w.WriteEndArray();
            });
            foreach (var type in tests)
            {
                if (Volatile.Read(ref site.Capacity[type.Code]) is not { } c)
                {
                    continue;
                }
                Line(slots, options, w =>
                {
                    w.WriteString("resourceType", "Slot");
                    w.WriteString("id", $"{info.Id}-{type.Name}");
                    w.WriteStartObject("schedule");
                    w.WriteString("reference", $"Schedule/{info.Id}");
                    w.WriteEndObject();
                    w.WriteString("status", c.HasSome ? "free" : "busy");
                    w.WriteString("start", c.CheckedAt.UtcDateTime);
                    w.WriteString("end", c.ValidUntil.UtcDateTime);
                    w.WriteStartArray("extension");
                    if (c.Available is { } n)
                    {
                        w.WriteStartObject();
                        w.WriteString("url", Ext + "slot-capacity");
                        w.WriteNumber("valueInteger", n);
                        w.WriteEndObject();
                    }
                    if (info.BookingUrl is { } url)
                    {
                        w.WriteStartObject();
                        w.WriteString("url", Ext + "booking-deep-link");
                        w.WriteString("valueUrl", url);
                        w.WriteEndObject();
                    }
                    if (info.Phone is { } phone)
                    {
                        w.WriteStartObject();
                        w.WriteString("url", Ext + "booking-phone");
                        w.WriteString("valueString", phone);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
            }
        }
        yield return ("locations.ndjson", locations.WrittenSpan.ToArray());
        yield return ("schedules.ndjson", schedules.WrittenSpan.ToArray());
        yield return ("slots.ndjson", slots.WrittenSpan.ToArray());
        yield return ("$bulk-publish", Manifest(now));
    }

    private static byte[] Manifest(DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("transactionTime", now.UtcDateTime);
            w.WriteString("request", "/registry/static/smart/$bulk-publish");
            w.WriteStartArray("output");
            foreach (var (type, file) in new[] { ("Location", "locations.ndjson"), ("Schedule", "schedules.ndjson"), ("Slot", "slots.ndjson") })
            {
                w.WriteStartObject();
                w.WriteString("type", type);
                w.WriteString("url", $"/registry/static/smart/{file}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("error");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Line(ArrayBufferWriter<byte> buffer, JsonWriterOptions options, Action<Utf8JsonWriter> body)
    {
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
    }
}
