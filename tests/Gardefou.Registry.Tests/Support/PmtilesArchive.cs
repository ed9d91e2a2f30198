using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Gardefou.Registry.Tests.Support;

/// <summary>
/// Writes a PMTiles v3 archive (the published format: 127-byte header, varint directory, tile data) in which every tile
/// of one zoom level is the same solid-colour PNG: one directory entry whose run length covers the whole level, so
/// the archive is a few hundred bytes and needs no Hilbert ordering.
/// </summary>
internal static class PmtilesArchive
{
    public static void WriteSolidLevel(string path, int zoom, byte red, byte green, byte blue)
    {
        var png = SolidPng(256, red, green, blue);
        var firstTileId = ((1UL << (2 * zoom)) - 1) / 3; // tiles of the lower zooms come first: Σ 4^t for t < zoom
        var directory = new List<byte>();
        WriteVarint(directory, 1); // entries
        WriteVarint(directory, firstTileId); // tile id (delta from 0)
        WriteVarint(directory, 1UL << (2 * zoom)); // run length: every tile of the level
        WriteVarint(directory, (ulong)png.Length); // length
        WriteVarint(directory, 0 + 1); // offset + 1 (the first entry's offset is written explicitly)
        var metadata = Encoding.UTF8.GetBytes("{}");

        var header = new byte[127];
        Encoding.ASCII.GetBytes("PMTiles").CopyTo(header, 0);
        header[7] = 3;
        ulong rootOffset = 127, metadataOffset = rootOffset + (ulong)directory.Count, leafOffset = metadataOffset + (ulong)metadata.Length, dataOffset = leafOffset;
        ulong[] fields = [rootOffset, (ulong)directory.Count, metadataOffset, (ulong)metadata.Length, leafOffset, 0, dataOffset, (ulong)png.Length, 1UL << (2 * zoom), 1, 1];
        for (var i = 0; i < fields.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8 + (8 * i)), fields[i]);
        }
        header[96] = 1; // clustered
        header[97] = 1; // internal compression: none
        header[98] = 1; // tile compression: none
        header[99] = 2; // tile type: PNG
        header[100] = (byte)zoom;
        header[101] = (byte)zoom;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(102), -1_800_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(106), -850_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(110), 1_800_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(114), 850_000_000);
        header[118] = (byte)zoom;

        using var file = File.Create(path);
        file.Write(header);
        file.Write(directory.ToArray());
        file.Write(metadata);
        file.Write(png);
    }

    private static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }

    private static byte[] SolidPng(int size, byte red, byte green, byte blue)
    {
        var raw = new byte[size * (1 + (3 * size))];
        for (var row = 0; row < size; row++)
        {
            var start = row * (1 + (3 * size)); // filter byte 0, then RGB
            for (var x = 0; x < size; x++)
            {
                raw[start + 1 + (3 * x)] = red;
                raw[start + 2 + (3 * x)] = green;
                raw[start + 3 + (3 * x)] = blue;
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, size);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), size);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
