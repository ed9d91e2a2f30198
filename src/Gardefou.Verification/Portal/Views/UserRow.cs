namespace Gardefou.Verification.Portal.Views;

/// <summary>One account of the realm, in the admin's user list.</summary>
public sealed record UserRow(int Id, string UserName, bool IsAdmin, bool Disabled);
