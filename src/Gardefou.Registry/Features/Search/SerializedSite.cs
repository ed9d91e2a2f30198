namespace Gardefou.Registry.Features.Search;

/// <summary>
/// A site's JSON in a tile file, kept between flushes: a tile is rewritten from these, and only the sites whose
/// <see cref="IndexedSite.Version"/> moved are serialized again.
/// </summary>
internal sealed record SerializedSite(int Version, byte[] Utf8);
