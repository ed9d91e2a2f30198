namespace Gardefou.Verification;

/// <summary>The demo admin account created on first start. Shown once; change the password or disable the account in production.</summary>
/// <param name="Realm">Realm the account administers.</param>
/// <param name="UserName">User name to sign in with.</param>
/// <param name="Password">Randomly generated password.</param>
public sealed record DemoAdminCredentials(string Realm, string UserName, string Password)
{
    /// <summary>Hides the password from accidental logging of the record.</summary>
    public override string ToString() => $"{UserName} ({Realm})";
}
