using Gardefou.Registry.Model;
using Gardefou.Registry.Schedules;

namespace Gardefou.Registry.Features.Search;

/// <summary>A site as held in memory for search and publication. Capacity slots are swapped atomically.</summary>
internal sealed class IndexedSite
{
    /// <summary>Bumped after every change of the description or a capacity slot (Interlocked).</summary>
    public int Version;

    public IndexedSite(SiteInfo info)
    {
        Info = info;
        Capacity = new CapacitySnapshot?[ResourceType.Count];
    }

    public SiteInfo Info { get; set; }

    /// <summary>One slot per <see cref="ResourceType.Code"/>; null when the site does not offer or never reported it.</summary>
    public CapacitySnapshot?[] Capacity { get; }

    /// <summary>This site's tile JSON as last serialized, with the <see cref="Version"/> it was read at.</summary>
    public SerializedSite? Json { get; set; }

    public string Id => Info.Id;

    public WeeklySchedule Schedule => Info.Schedule;
}
