namespace Gardefou.Protocol.Export;

/// <summary>
/// The only exception <see cref="ExportFileReader"/> throws for bad input (in <c>Read</c> and <c>ReadKeys</c> alike): not a zip, a missing or oversized
/// entry, a wrong header, undecodable protobuf, or values outside the format's ranges.
/// </summary>
public sealed class ExportFormatException : Exception
{
    public ExportFormatException()
    {
    }

    public ExportFormatException(string message) : base(message)
    {
    }

    public ExportFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
