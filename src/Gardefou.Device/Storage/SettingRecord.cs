namespace Gardefou.Device.Storage;

/// <summary>A named setting of the phone (server address, pinned export key, progress markers, schedules).</summary>
internal sealed class SettingRecord
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
