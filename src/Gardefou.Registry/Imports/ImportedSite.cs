using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Storage;

namespace Gardefou.Registry.Imports;

/// <summary>A validated row: the site to upsert and the reports it carries.</summary>
internal sealed record ImportedSite(SiteRow Site, IReadOnlyList<ValidatedUpdate> Reports);
