namespace Gardefou.Registry.Admin;

/// <summary>An admitted sign-in attempt: its reserved slots in the client's and (unless trusted) the account's budgets.</summary>
internal sealed class SignInTicket(SignInBudget client, SignInBudget? account, TimeProvider time)
{
    public void Complete(bool success)
    {
        var now = time.GetUtcNow();
        client.Complete(success, now);
        account?.Complete(success, now);
    }
}
