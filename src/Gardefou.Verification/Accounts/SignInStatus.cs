namespace Gardefou.Verification.Accounts;

/// <summary>How a checked sign-in ended.</summary>
internal enum SignInStatus
{
    /// <summary>Right password of an enabled account.</summary>
    Succeeded,

    /// <summary>Unknown name, wrong password or disabled account (told apart nowhere outside).</summary>
    Failed,

    /// <summary>No password was checked: the server's hashing capacity was taken.</summary>
    Busy,
}
