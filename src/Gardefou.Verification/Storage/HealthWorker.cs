namespace Gardefou.Verification.Storage;

/// <summary>A portal account. The password is kept only as an ASP.NET Core <c>PasswordHasher</c> hash.</summary>
internal sealed class HealthWorker
{
    public int Id { get; set; }

    public int RealmId { get; set; }

    public Realm? Realm { get; set; }

    public required string UserName { get; set; }

    public required string PasswordHash { get; set; }

    public HealthWorkerRole Role { get; set; }

    public bool Disabled { get; set; }

    /// <summary>No longer used (there is no lockout, see <c>Portal/PortalSignIn</c>); kept so databases of earlier versions still map.</summary>
    public int FailedLogins { get; set; }

    /// <summary>No longer used; see <see cref="FailedLogins"/>.</summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>Changes whenever the password or status changes, which ends every open session of the account.</summary>
    public required string SecurityStamp { get; set; }

    public DateTime CreatedAt { get; set; }
}
