namespace Gardefou.Device.Network;

/// <summary>A response that arrived but cannot be used (truncated, oversized, unparsable, badly signed): retried.</summary>
internal sealed class CorruptResponseException : Exception
{
    public CorruptResponseException()
    {
    }

    public CorruptResponseException(string message)
        : base(message)
    {
    }

    public CorruptResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
