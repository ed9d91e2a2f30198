using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Publication;

internal sealed partial class StaticPublisher
{
    private void WriteTile(TileKey tile, FileSigner signer)
    {
        var sites = _state.Index.SitesInTile(tile);
        var path = $"tiles/{tile.FileName}";
        if (sites.Count == 0)
        {
            Delete(path);
            return;
        }
        sites.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, sites.Count * 700));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteString("generatedAt", _time.GetUtcNow().UtcDateTime);
            w.WriteStartObject("tile");
            w.WriteNumber("lat", tile.Lat * TileKey.SizeDegrees);
            w.WriteNumber("lon", tile.Lon * TileKey.SizeDegrees);
            w.WriteNumber("sizeDegrees", TileKey.SizeDegrees);
            w.WriteEndObject();
            w.WriteStartArray("sites");
            foreach (var site in sites)
            {
                w.WriteRawValue(Serialized(site), skipInputValidation: true);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        Write(path, buffer.WrittenSpan, signer);
        Interlocked.Increment(ref _tilesWritten);
    }

    /// <summary>
    /// A site's JSON from its cache, serialized again only when the site changed since. The version is read
    /// before the site, so a change racing with this leaves a cache entry older than the site: it is redone
    /// on the next flush, which that change's dirty tile triggers anyway.
    /// </summary>
    internal static byte[] Serialized(IndexedSite site)
    {
        var version = Volatile.Read(ref site.Version);
        if (site.Json is { } cached && cached.Version == version)
        {
            return cached.Utf8;
        }
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            SiteJson.Write(w, site);
        }
        var fresh = new SerializedSite(version, buffer.WrittenSpan.ToArray());
        site.Json = fresh;
        return fresh.Utf8;
    }

    /// <summary>
    /// <c>tiles/index.json</c>: which tiles exist, with their ETags, and the time-to-live of each category, so a
    /// client can fetch only the tiles around it and judge staleness itself.
    /// </summary>
    private void WriteTileIndex(FileSigner signer, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteString("generatedAt", now.UtcDateTime);
            w.WriteNumber("tileSizeDegrees", TileKey.SizeDegrees);
            w.WriteStartObject("ttlSeconds");
            foreach (var category in Enum.GetValues<ResourceCategory>())
            {
                w.WriteNumber(category.ToString().ToLowerInvariant(), (long)_state.Freshness.TimeToLive(category).TotalSeconds);
            }
            w.WriteEndObject();
            w.WriteStartArray("tiles");
            foreach (var file in _files.Values.Where(f => f.Path.StartsWith("tiles/", StringComparison.Ordinal) && f.Path != "tiles/index.json")
                .OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("path", file.Path);
                w.WriteString("etag", file.ETag);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        Write("tiles/index.json", buffer.WrittenSpan, signer);
    }

    private void WriteNationalFiles(FileSigner signer, DateTimeOffset now)
    {
        var sites = _state.Index.Snapshot();
        Array.Sort(sites, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        Write("feed.geojson", GeoJsonWriter.Write(sites, now), signer);
        foreach (var (name, bytes) in SmartSchedulingWriter.Write(sites, now))
        {
            Write($"smart/{name}", bytes, signer);
        }
        Write("hsds.json", HsdsWriter.Write(sites, now), signer);
    }

    /// <summary>Atomic replace (write then rename) so a reader never sees half a file; signature beside it.</summary>
    private void Write(string relativePath, ReadOnlySpan<byte> content, FileSigner? signer)
    {
        var full = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, full, overwrite: true);
        // One hash of the content serves both the ETag and the signature (ECDSA signs the SHA-256 of the data).
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        var etag = "\"" + Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
        _files[relativePath] = new PublishedFile(relativePath, etag, content.Length, _time.GetUtcNow());
        if (signer is not null)
        {
            var signature = System.Text.Encoding.ASCII.GetBytes(signer.SignSha256(hash));
            var sigPath = full + ".sig";
            File.WriteAllBytes(sigPath + ".tmp", signature);
            File.Move(sigPath + ".tmp", sigPath, overwrite: true);
            var sigTag = "\"" + Convert.ToBase64String(SHA256.HashData(signature)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";
            _files[relativePath + ".sig"] = new PublishedFile(relativePath + ".sig", sigTag, signature.Length, _time.GetUtcNow());
        }
    }

    private void Delete(string relativePath)
    {
        var full = Path.Combine(Directory, relativePath);
        File.Delete(full);
        File.Delete(full + ".sig");
        _files.TryRemove(relativePath, out _);
        _files.TryRemove(relativePath + ".sig", out _);
    }
}
