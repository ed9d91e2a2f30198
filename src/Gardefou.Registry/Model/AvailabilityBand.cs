namespace Gardefou.Registry.Model;

/// <summary>A coarse level, for sites that report no exact count (Korea's buckets, CVS's preference).</summary>
public enum AvailabilityBand
{
    None,
    Low,
    Some,
    Many,
}
