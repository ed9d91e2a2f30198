using Microsoft.Extensions.Logging;

namespace Gardefou.Verification.Portal;

/// <summary>The portal's own log messages (ids 100+); like the domain's, they carry no name, password or address.</summary>
internal static partial class PortalLog
{
    [LoggerMessage(101, LogLevel.Warning, "Portal sign-in refused before any password check: the account's back-off for this client is running")]
    public static partial void SignInDelayed(ILogger logger);

    [LoggerMessage(102, LogLevel.Warning, "Portal sign-in refused: password hashing capacity is taken")]
    public static partial void SignInBusy(ILogger logger);
}
