using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Accounts;

/// <summary>Result of a sign-in: the user on success; whether this failure locked the account.</summary>
internal sealed record SignInOutcome(HealthWorker? User, bool JustLocked, int? FailedUserId = null);
