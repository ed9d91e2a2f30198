namespace Gardefou.Protocol.Export;

/// <summary>Constants of the GAEN export file format.</summary>
public static class ExportFormat
{
    /// <summary>Zip entry holding the header and the <c>TemporaryExposureKeyExport</c> protobuf.</summary>
    public const string ExportEntryName = "export.bin";

    /// <summary>Zip entry holding the <c>TEKSignatureList</c> protobuf.</summary>
    public const string SignatureEntryName = "export.sig";

    /// <summary>Length of the fixed header at the start of <c>export.bin</c>.</summary>
    public const int HeaderLength = 16;

    /// <summary>Largest <c>export.bin</c> the reader accepts (64 MiB, about two million keys).</summary>
    public const int MaxExportBinLength = 64 * 1024 * 1024;

    /// <summary>Largest <c>export.sig</c> the reader accepts (64 KiB; ten signatures take under 2 KiB).</summary>
    public const int MaxSignatureFileLength = 64 * 1024;

    /// <summary>Largest zip the reader accepts: both entries at their caps plus room for zip headers.</summary>
    public const int MaxZipLength = MaxExportBinLength + MaxSignatureFileLength + (64 * 1024);

    /// <summary>The 16 header bytes: "EK Export v1" padded with four spaces.</summary>
    public static ReadOnlySpan<byte> Header => "EK Export v1    "u8;
}
