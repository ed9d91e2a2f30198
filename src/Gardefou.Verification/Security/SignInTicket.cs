namespace Gardefou.Verification.Security;

/// <summary>A reserved sign-in attempt: the budgets it holds until <see cref="SignInGuard.Complete"/> is called.</summary>
internal sealed record SignInTicket(SignInGuard.Budget Pair, SignInGuard.Budget? Untrusted);
