namespace Gardefou.Verification.Storage;

/// <summary>A health authority: its workers, API keys, codes and counters belong to it alone.</summary>
internal sealed class Realm
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Codes of this realm need a test or a symptom date (Google's realm setting <c>RequireDate</c>).</summary>
    public bool RequireDate { get; set; }

    /// <summary>
    /// Apps must send a device API key of this realm on <c>/api/verify</c> and <c>/api/certificate</c>; its codes
    /// and tokens are then reachable only with such a key (Google scopes codes to the realm of the app's key).
    /// </summary>
    public bool RequireDeviceKey { get; set; }
}
