namespace Gardefou.Protocol.Export;

/// <summary>Decodes <c>export.sig</c> (<c>TEKSignatureList</c>) and the <c>SignatureInfo</c> messages both entries hold.</summary>
internal static class SignatureListParser
{
    private const string Context = "export.sig is not a valid TEKSignatureList";

    /// <summary>Every signature of the list; at least one, each with its <c>signature_info</c>.</summary>
    public static ExportSignature[] Parse(ReadOnlySpan<byte> list)
    {
        var signatures = new List<ExportSignature>();
        var at = 0;
        while (at < list.Length)
        {
            var (field, wireType) = ProtoWire.Tag(list, ref at, Context);
            if ((field, wireType) == (1, 2))
            {
                signatures.Add(ParseSignature(ProtoWire.Bytes(list, ref at, Context), signatures.Count));
            }
            else
            {
                ProtoWire.Skip(list, ref at, field, wireType, Context);
            }
        }
        if (signatures.Count == 0)
        {
            throw new ExportFormatException("export.sig holds no signature.");
        }
        return [.. signatures];
    }

    private static ExportSignature ParseSignature(ReadOnlySpan<byte> message, int index)
    {
        SignatureInfo? info = null;
        int batchNum = 0, batchSize = 0;
        ReadOnlySpan<byte> der = default;
        var at = 0;
        while (at < message.Length)
        {
            var (field, wireType) = ProtoWire.Tag(message, ref at, Context);
            switch (field, wireType)
            {
                // A message field given twice is merged, as protobuf defines.
                case (1, 2): info = ParseInfo(ProtoWire.Bytes(message, ref at, Context), Context, info); break;
                case (2, 0): batchNum = ProtoWire.Int32(ProtoWire.Varint(message, ref at, Context)); break;
                case (3, 0): batchSize = ProtoWire.Int32(ProtoWire.Varint(message, ref at, Context)); break;
                case (4, 2): der = ProtoWire.Bytes(message, ref at, Context); break;
                default: ProtoWire.Skip(message, ref at, field, wireType, Context); break;
            }
        }
        if (info is null)
        {
            throw new ExportFormatException($"Signature {index} of export.sig has no signature_info.");
        }
        return new ExportSignature(info, batchNum, batchSize, der.ToArray());
    }

    /// <summary>Decodes a <c>SignatureInfo</c>, over the fields of <paramref name="merged"/> when the message came twice.</summary>
    public static SignatureInfo ParseInfo(ReadOnlySpan<byte> message, string context, SignatureInfo? merged = null)
    {
        var version = merged?.VerificationKeyVersion ?? "";
        var id = merged?.VerificationKeyId ?? "";
        var algorithm = merged?.SignatureAlgorithm ?? "";
        var at = 0;
        while (at < message.Length)
        {
            var (field, wireType) = ProtoWire.Tag(message, ref at, context);
            switch (field, wireType)
            {
                case (3, 2): version = ProtoWire.String(ProtoWire.Bytes(message, ref at, context), context); break;
                case (4, 2): id = ProtoWire.String(ProtoWire.Bytes(message, ref at, context), context); break;
                case (5, 2): algorithm = ProtoWire.String(ProtoWire.Bytes(message, ref at, context), context); break;
                default: ProtoWire.Skip(message, ref at, field, wireType, context); break;
            }
        }
        return new SignatureInfo(id, version, algorithm);
    }
}
