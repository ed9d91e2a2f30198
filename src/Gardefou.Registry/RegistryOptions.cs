namespace Gardefou.Registry;

/// <summary>Configuration section <c>Registry</c>.</summary>
public sealed class RegistryOptions
{
    /// <summary>Time-to-live of a test count (<c>Registry:TestTtl</c>); slots go fast.</summary>
    public TimeSpan TestTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Time-to-live of a mask count (<c>Registry:MaskTtl</c>).</summary>
    public TimeSpan MaskTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Time-to-live of a bed count (<c>Registry:BedTtl</c>); hospitals report a few times a day.</summary>
    public TimeSpan BedTtl { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Tile flush interval (<c>Registry:PublishDebounce</c>): the tiles changed since the last flush are rewritten
    /// together this long after the first change, so a busy tile is written once per interval.
    /// </summary>
    public TimeSpan PublishDebounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Seed of the demo data generator (<c>Registry:DemoSeed</c>): same seed, same sites.</summary>
    public int DemoSeed { get; set; } = 20200206;

    /// <summary>
    /// In demo mode (demo sites asked for at start), whether the demo sites keep reporting on a simulated schedule
    /// (<c>Registry:DemoReporting</c>, default true). Off, their seeded numbers simply age.
    /// </summary>
    public bool DemoReporting { get; set; } = true;

    /// <summary>First administrator created at start when none exists (<c>Registry:AdminUser</c>).</summary>
    public string? AdminUser { get; set; }

    /// <summary>Password of <see cref="AdminUser"/> (<c>Registry:AdminPassword</c>, at least 12 characters).</summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// Optional self-hosted raster basemap (<c>Registry:BasemapPmtiles</c>): the path of a PMTiles v3 archive of
    /// PNG, JPEG or WebP tiles. Gardefou serves it at <c>/registry/basemap.pmtiles</c> (HTTP range requests) and the
    /// public page draws its tiles under the outlines, so the page still asks nothing of any other host.
    /// Without it the page draws the outlines that ship in the assembly.
    /// </summary>
    public string? BasemapPmtiles { get; set; }

    /// <summary>Credit line shown under the map for <see cref="BasemapPmtiles"/> (<c>Registry:BasemapAttribution</c>).</summary>
    public string? BasemapAttribution { get; set; }

    /// <summary>
    /// Address of the reverse proxy in front of Gardefou (<c>Registry:TrustedProxy</c>). Only requests from it have
    /// their <c>X-Forwarded-For</c> (the client throttled) and <c>X-Forwarded-Proto</c> (<c>https</c>: cookies
    /// marked <c>Secure</c>) honoured; without it both headers are ignored.
    /// </summary>
    public string? TrustedProxy { get; set; }

    /// <summary>Largest search answer in bytes (<c>Registry:MaxSearchResponseBytes</c>); results past it are cut and flagged.</summary>
    public int MaxSearchResponseBytes { get; set; } = 128 * 1024;
}
