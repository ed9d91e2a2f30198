using System.Globalization;
using System.Text;

namespace Gardefou.Bench;

/// <summary>What one child process measured.</summary>
internal sealed record PhoneBenchMeasure(double ColdMs, double WarmMs, double WarmCpuMs, double PeakRssMb, double RssBeforeMb, double FilesBeforeMb, double AllocatedMb, string[] Days)
{
    /// <summary>
    /// The line the child prints for the parent, written by hand: System.Text.Json in the child would map and JIT its
    /// serializer inside the process whose memory is being measured.
    /// </summary>
    public string ToJson()
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"ColdMs\":{ColdMs:R},\"WarmMs\":{WarmMs:R},\"WarmCpuMs\":{WarmCpuMs:R},\"PeakRssMb\":{PeakRssMb:R},\"RssBeforeMb\":{RssBeforeMb:R},\"FilesBeforeMb\":{FilesBeforeMb:R},\"AllocatedMb\":{AllocatedMb:R},\"Days\":[");
        json.AppendJoin(',', Days.Select(d => "\"" + d + "\""));
        return json.Append("]}").ToString();
    }
}
