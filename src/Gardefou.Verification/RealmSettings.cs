namespace Gardefou.Verification;

/// <summary>Settings of one realm, as Google's realm settings of the same names; unset values keep what is stored.</summary>
public sealed class RealmSettings
{
    /// <summary>
    /// Codes need a test or a symptom date (400 <c>missing_date</c> otherwise). New realms get true, as Google's
    /// <c>NewRealmWithDefaults</c>; the demo realm and realms of an earlier version false, as Google's default realm.
    /// </summary>
    public bool? RequireDate { get; set; }

    /// <summary>
    /// Apps must send one of the realm's device API keys (<c>X-API-Key</c>) to verify codes and get certificates; the
    /// realm's codes are then reachable only that way. Off for new realms and in the demo realm.
    /// </summary>
    public bool? RequireDeviceKey { get; set; }
}
