namespace Gardefou.Verification.Codes;

/// <summary>
/// Which realms' codes and tokens a device request may reach: the realm of its device API key, or, without a valid
/// one, every realm that does not require device keys.
/// </summary>
internal readonly record struct RealmScope(int? KeyRealmId)
{
    /// <summary>A request without a (valid) device key.</summary>
    public static RealmScope Keyless => new(null);
}
