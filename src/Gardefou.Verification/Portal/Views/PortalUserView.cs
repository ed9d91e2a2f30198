namespace Gardefou.Verification.Portal.Views;

/// <summary>The signed-in health worker, as the portal pages show them.</summary>
public sealed record PortalUserView(int Id, string UserName, string Realm, bool IsAdmin);
