namespace Gardefou.Verification;

/// <summary>A new API key for <c>POST /api/issue</c>, shown once: only its hash is stored.</summary>
/// <param name="Realm">Realm the key issues codes for.</param>
/// <param name="Name">Label of the key (who holds it).</param>
/// <param name="Key">The secret key, to send in the <c>X-API-Key</c> header.</param>
/// <param name="RealmCreated">True when the realm did not exist and was created.</param>
public sealed record CreatedApiKey(string Realm, string Name, string Key, bool RealmCreated)
{
    /// <summary>The key's id, by which <c>gardefou admin revoke-api-key --key-id</c> revokes it.</summary>
    public int KeyId { get; init; }

    /// <summary>Keeps the key out of accidental logs.</summary>
    public override string ToString() => $"API key '{Name}' of realm {Realm}";
}
