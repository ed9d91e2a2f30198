using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Accounts;

/// <summary>Result of a sign-in check: the status, the user on success, and the account's id when the name exists.</summary>
internal sealed record SignInOutcome(SignInStatus Status, HealthWorker? User = null);
