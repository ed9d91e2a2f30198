using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Search;

/// <summary>A validated near-me query. <see cref="Type"/> narrows <see cref="Category"/> to one resource when set.</summary>
internal sealed record SearchQuery(
    double Latitude,
    double Longitude,
    double RadiusKm,
    ResourceCategory Category,
    ResourceType? Type = null,
    bool AvailableNow = false,
    bool OpenNow = false,
    bool Wheelchair = false,
    bool WalkIn = false,
    bool DriveThrough = false,
    string? Language = null,
    int Limit = SearchDefaults.Limit)
{
    public bool Matches(ResourceType type) => Type is { } only ? only == type : type.Category == Category;
}
