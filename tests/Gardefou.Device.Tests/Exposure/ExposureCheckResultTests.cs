using System.Text.Json;
using Gardefou.Device.Exposure;

namespace Gardefou.Device.Tests.Exposure;

public sealed class ExposureCheckResultTests
{
    [Fact]
    public void The_json_notification_is_exactly_exposed_and_days()
    {
        Assert.Equal("{\"exposed\": false, \"days\": []}", new ExposureCheckResult(false, [], 3).ToJson());
        var json = new ExposureCheckResult(true, [new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 20)], 1).ToJson();
        Assert.Equal("{\"exposed\": true, \"days\": [\"2026-11-18\", \"2026-11-20\"]}", json);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["exposed", "days"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.All(document.RootElement.GetProperty("days").EnumerateArray(), d => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", d.GetString()!));
    }
}
