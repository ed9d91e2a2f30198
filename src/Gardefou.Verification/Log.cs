using Microsoft.Extensions.Logging;

namespace Gardefou.Verification;

/// <summary>
/// Every log message of the domain. None carries a code, token, API key, password, user name or client
/// address: realms and user ids are the only identifiers.
/// </summary>
internal static partial class Log
{
    public const string Category = "Gardefou.Verification";

    [LoggerMessage(1, LogLevel.Information, "Verification code issued in realm {RealmId} through {Channel}")]
    public static partial void CodeIssued(ILogger logger, int realmId, string channel);

    [LoggerMessage(2, LogLevel.Information, "Verification code exchanged for a token")]
    public static partial void CodeClaimed(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Invalid, expired or used verification code presented")]
    public static partial void CodeRejected(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "Certificate issued")]
    public static partial void CertificateIssued(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "Invalid, expired or used token presented")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "Request with a missing, unknown or wrong-kind API key")]
    public static partial void ApiKeyRejected(ILogger logger);

    [LoggerMessage(7, LogLevel.Warning, "A client was throttled (code verification or portal sign-in)")]
    public static partial void ClientThrottled(ILogger logger);

    [LoggerMessage(8, LogLevel.Information, "Portal sign-in of user {UserId}")]
    public static partial void SignedIn(ILogger logger, int userId);

    [LoggerMessage(9, LogLevel.Warning, "Failed portal sign-in")]
    public static partial void SignInFailed(ILogger logger);

    [LoggerMessage(10, LogLevel.Warning, "Portal user {UserId} locked after repeated failed sign-ins")]
    public static partial void UserLocked(ILogger logger, int userId);

    [LoggerMessage(11, LogLevel.Information, "User {TargetUserId} {Action} by admin {AdminUserId}")]
    public static partial void UserChanged(ILogger logger, int targetUserId, string action, int adminUserId);

    [LoggerMessage(12, LogLevel.Information, "Verification domain initialized; certificate key id {KeyId}")]
    public static partial void Initialized(ILogger logger, string keyId);
}
