namespace Gardefou.Registry.Demo;

/// <summary>How dependably a demo site reports, as seen in the 2020–22 systems: most sites on time, some late, a few gone quiet.</summary>
internal enum DemoProfile
{
    /// <summary>Reports well within its numbers' time-to-live: always shown fresh.</summary>
    Regular,

    /// <summary>Reports a little less often than the time-to-live: fresh part of the time, unverified in between.</summary>
    Late,

    /// <summary>Reported once (the seed) and never again: unverified once its number ages out.</summary>
    Silent,
}
