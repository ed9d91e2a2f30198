namespace Gardefou.Registry.Publication;

/// <summary>A file as published: its strong ETag is the base64url SHA-256 of its bytes.</summary>
internal sealed record PublishedFile(string Path, string ETag, long Length, DateTimeOffset WrittenAt);
