using System.Text.Json;
using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;

namespace Gardefou.Registry.Imports;

/// <summary>
/// SMART Scheduling Links: a <c>$bulk-publish</c> manifest and the NDJSON files it lists (matched by the last
/// segment of each output url). Locations become sites (<c>smart-&lt;id&gt;</c>); free Slots whose window has not
/// ended are counted (slot-capacity when given, else one) into a test.pcr report per location.
/// </summary>
internal static class SmartSchedulingImporter
{
    public static (List<ImportedSite> Rows, List<ImportError> Errors) Parse(string manifest, IReadOnlyDictionary<string, string> files, DateTimeOffset now, TimeSpan testTtl)
    {
        var rows = new List<ImportedSite>();
        var errors = new List<ImportError>();
        var outputs = new List<(string Type, string File)>();
        DateTimeOffset checkedAt = now;
        try
        {
            using var doc = JsonDocument.Parse(manifest);
            if (doc.RootElement.TryGetProperty("transactionTime", out var tt) && tt.TryGetDateTimeOffset(out var t) && t <= now)
            {
                checkedAt = t;
            }
            foreach (var output in doc.RootElement.GetProperty("output").EnumerateArray())
            {
                var url = output.GetProperty("url").GetString() ?? "";
                outputs.Add((output.GetProperty("type").GetString() ?? "", url[(url.LastIndexOf('/') + 1)..]));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            errors.Add(new ImportError(1, "the manifest must be JSON with an output array of {type, url}", "$bulk-publish"));
            return (rows, errors);
        }
        var locations = new Dictionary<string, (int Line, string File, SiteRow Site)>(StringComparer.Ordinal);
        var scheduleToLocation = new Dictionary<string, string>(StringComparer.Ordinal);
        var freeByLocation = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in new[] { "Location", "Schedule", "Slot" })
        {
            foreach (var (_, file) in outputs.Where(o => o.Type == type))
            {
                if (!files.TryGetValue(file, out var text))
                {
                    errors.Add(new ImportError(0, $"the manifest lists {file}, which was not uploaded", file));
                    continue;
                }
                var number = 0;
                foreach (var line in text.Split('\n'))
                {
                    number++;
                    if (line.Trim().Length == 0)
                    {
                        continue;
                    }
                    try
                    {
                        using var doc = JsonDocument.Parse(line);
                        var reason = type switch
                        {
                            "Location" => Location(doc.RootElement, locations, number, file),
                            "Schedule" => Schedule(doc.RootElement, scheduleToLocation, locations),
                            _ => Slot(doc.RootElement, scheduleToLocation, freeByLocation, now),
                        };
                        if (reason is not null)
                        {
                            errors.Add(new ImportError(number, reason, file));
                        }
                    }
                    catch (JsonException)
                    {
                        errors.Add(new ImportError(number, "not a JSON object", file));
                    }
                }
            }
        }
        var pcr = ResourceType.Parse("test.pcr");
        foreach (var (id, (_, _, site)) in locations)
        {
            IReadOnlyList<ValidatedUpdate> reports = scheduleToLocation.ContainsValue(id)
                ? [ValidatedUpdate.Count(pcr, freeByLocation.GetValueOrDefault(id), checkedAt, checkedAt + testTtl)]
                : [];
            rows.Add(new ImportedSite(site, reports));
        }
        return (rows, errors);
    }

    private static string? Location(JsonElement e, Dictionary<string, (int, string, SiteRow)> locations, int line, string file)
    {
        if (e.ValueKind != JsonValueKind.Object || Str(e, "resourceType") != "Location")
        {
            return "resourceType must be Location";
        }
        var id = Str(e, "id");
        if (id is null || !ImportFields.IsValidId(id) || id.Length > 58)
        {
            return "id is missing or not a plain identifier";
        }
        var name = Str(e, "name");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return "name is required";
        }
        string street = "", city = "", postcode = "";
        if (e.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.Object)
        {
            street = address.TryGetProperty("line", out var lines) && lines.ValueKind == JsonValueKind.Array
                ? string.Join(", ", lines.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString())) : "";
            city = Str(address, "city") ?? "";
            postcode = Str(address, "postalCode") ?? "";
        }
        string lat = "", lon = "";
        if (e.TryGetProperty("position", out var position) && position.ValueKind == JsonValueKind.Object
            && position.TryGetProperty("latitude", out var la) && la.ValueKind == JsonValueKind.Number
            && position.TryGetProperty("longitude", out var lo) && lo.ValueKind == JsonValueKind.Number)
        {
            (lat, lon) = (la.GetRawText(), lo.GetRawText());
        }
        if (!ImportFields.Point(lat, lon, postcode, city).TryGetValue(out var coordinates, out var error))
        {
            return error;
        }
        var (latitude, longitude) = coordinates;
        string? phone = null;
        if (e.TryGetProperty("telecom", out var telecom) && telecom.ValueKind == JsonValueKind.Array)
        {
            phone = telecom.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object && Str(t, "system") == "phone").Select(t => Str(t, "value")).FirstOrDefault();
        }
        locations[id] = (line, file, new SiteRow
        {
            Id = $"smart-{id}",
            Name = name,
            Kind = SiteKind.TestCentre,
            Street = street,
            City = city,
            Postcode = postcode,
            Latitude = latitude,
            Longitude = longitude,
            Phone = phone,
            ExternalIds = [$"smart:{id}"],
        });
        return null;
    }

    private static string? Schedule(JsonElement e, Dictionary<string, string> scheduleToLocation, Dictionary<string, (int, string, SiteRow)> locations)
    {
        if (e.ValueKind != JsonValueKind.Object || Str(e, "resourceType") != "Schedule" || Str(e, "id") is not { } id)
        {
            return "resourceType must be Schedule, with an id";
        }
        var actor = e.TryGetProperty("actor", out var actors) && actors.ValueKind == JsonValueKind.Array
            ? actors.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.Object ? Str(a, "reference") : null).FirstOrDefault(r => r?.StartsWith("Location/", StringComparison.Ordinal) == true)
            : null;
        if (actor is null || !locations.ContainsKey(actor["Location/".Length..]))
        {
            return "actor must reference a Location of this import";
        }
        scheduleToLocation[id] = actor["Location/".Length..];
        return null;
    }

    private static string? Slot(JsonElement e, Dictionary<string, string> scheduleToLocation, Dictionary<string, int> free, DateTimeOffset now)
    {
        if (e.ValueKind != JsonValueKind.Object || Str(e, "resourceType") != "Slot")
        {
            return "resourceType must be Slot";
        }
        var reference = e.TryGetProperty("schedule", out var s) && s.ValueKind == JsonValueKind.Object ? Str(s, "reference") : null;
        if (reference is null || !reference.StartsWith("Schedule/", StringComparison.Ordinal) || !scheduleToLocation.TryGetValue(reference["Schedule/".Length..], out var location))
        {
            return "schedule must reference a Schedule of this import";
        }
        if (Str(e, "status") is not ("free" or "busy" or "busy-tentative" or "busy-unavailable"))
        {
            return "status must be free or busy";
        }
        if (!e.TryGetProperty("end", out var end) || !end.TryGetDateTimeOffset(out var endsAt))
        {
            return "end must be an ISO 8601 instant";
        }
        if (Str(e, "status") != "free" || endsAt <= now)
        {
            return null;
        }
        var capacity = 1;
        if (e.TryGetProperty("extension", out var extensions) && extensions.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in extensions.EnumerateArray())
            {
                if (x.ValueKind == JsonValueKind.Object && Str(x, "url")?.EndsWith("slot-capacity", StringComparison.Ordinal) == true
                    && x.TryGetProperty("valueInteger", out var v) && v.TryGetInt32(out var n) && n is >= 0 and <= 10_000)
                {
                    capacity = n;
                }
            }
        }
        free[location] = free.GetValueOrDefault(location) + capacity;
        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
