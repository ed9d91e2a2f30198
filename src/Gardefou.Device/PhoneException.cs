namespace Gardefou.Device;

/// <summary>
/// An operation of the phone failed for a reason the user can act on (not set up, server unreachable after retries,
/// refused code, invalid export signature). The message is safe to show: it never holds a key, code or token.
/// </summary>
public sealed class PhoneException : Exception
{
    public PhoneException()
    {
    }

    public PhoneException(string message)
        : base(message)
    {
    }

    public PhoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
