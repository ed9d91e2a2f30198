namespace Gardefou.Registry.Pages;

/// <summary>The body of <c>/registry/data/page.json</c>: server settings the public page's script reads.</summary>
internal sealed record PageSettingsJson(PageBasemap? Basemap);
