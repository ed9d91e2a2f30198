namespace Gardefou.Device.Storage;

/// <summary>A UTC day on which an exposure was found: the day only, never the time, the key or the place.</summary>
internal sealed class ExposureDayRecord
{
    /// <summary>The day as <c>yyyy-MM-dd</c>.</summary>
    public string Day { get; set; } = "";
}
