namespace Gardefou.Registry.Features.Search;

/// <summary>One resource's current report inside a search result.</summary>
public sealed record ResourceReport(
    string Type,
    int? Available,
    string? Band,
    int? Total,
    string? Basis,
    bool Closed,
    DateTimeOffset CheckedAt,
    DateTimeOffset ValidUntil,
    DateTimeOffset ChangedAt,
    long AgeSeconds,
    string Method,
    string Source,
    bool Stale);
