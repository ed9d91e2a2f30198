using System.Buffers;
using System.Text.Json;

using Gardefou.Registry.Features.Search;

namespace Gardefou.Registry.Publication;

/// <summary>RFC 7946 FeatureCollection of Points, coordinates in [longitude, latitude] order.</summary>
internal static class GeoJsonWriter
{
    public static byte[] Write(IReadOnlyList<IndexedSite> sites, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, sites.Count * 600));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("generatedAt", now.UtcDateTime);
            w.WriteStartArray("features");
            foreach (var site in sites)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", site.Id);
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                w.WriteNumberValue(site.Info.Longitude);
                w.WriteNumberValue(site.Info.Latitude);
                w.WriteEndArray();
                w.WriteEndObject();
                // The properties are the site's tile JSON, taken from the tile writer's cache.
                w.WritePropertyName("properties");
                w.WriteRawValue(StaticPublisher.Serialized(site), skipInputValidation: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

}
