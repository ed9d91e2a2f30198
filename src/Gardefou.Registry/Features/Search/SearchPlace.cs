namespace Gardefou.Registry.Features.Search;

/// <summary>The place a <c>place=</c> query resolved to, so the caller sees what was searched around.</summary>
public sealed record SearchPlace(string Code, string Name, double Latitude, double Longitude, bool Approximate);
