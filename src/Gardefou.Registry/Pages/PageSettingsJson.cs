namespace Gardefou.Registry.Pages;

/// <summary>
/// The body of <c>/registry/data/page.json</c>: server settings the public page's script reads, so the page and the
/// server share one set of search defaults and the page learns of an operator's basemap.
/// </summary>
internal sealed record PageSettingsJson(PageSearchDefaults Search, PageBasemap? Basemap);
