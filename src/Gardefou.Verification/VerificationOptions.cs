namespace Gardefou.Verification;

/// <summary>
/// Settings of the verification domain, bound from the configuration section <c>Verification</c>; the rules each must
/// meet are registered with them (<see cref="VerificationDomain.AddVerificationDomain"/>) and checked at start.
/// </summary>
public sealed class VerificationOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Verification";

    /// <summary><c>iss</c> claim of issued certificates.</summary>
    public string Issuer { get; set; } = "gardefou-verification";

    /// <summary><c>aud</c> claim of issued certificates (the key service checks it).</summary>
    public string Audience { get; set; } = "gardefou-keys";

    /// <summary>Lifetime of an 8-digit code (15 minutes, at most an hour).</summary>
    public TimeSpan ShortCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a 16-character code (24 hours at most).</summary>
    public TimeSpan LongCodeLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Lifetime of the token a code is exchanged for.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Lifetime of a certificate.</summary>
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests to <c>/api/verify</c> one client may make per minute (keyed by an HMAC of its address, in memory only).</summary>
    public int VerifyRequestsPerMinute { get; set; } = 20;

    /// <summary>Portal sign-in attempts one client may make per minute, across all accounts (against password spraying).</summary>
    public int SignInRequestsPerMinute { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins one client may make on one account before each further attempt must wait (there is no
    /// lockout: the wait applies to that client alone, see <c>docs/verification.md</c>).
    /// </summary>
    public int SignInFreeFailures { get; set; } = 3;

    /// <summary>First wait after the free failures; it doubles with each further failure.</summary>
    public TimeSpan SignInBackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two sign-in attempts of one client on one account.</summary>
    public TimeSpan SignInBackoffCap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed sign-ins per hour on one account from all clients that have no device cookie of it together
    /// (guessing spread over many addresses); the account's known devices are not affected.
    /// </summary>
    public int SignInUntrustedFailuresPerHour { get; set; } = 60;

    /// <summary>Password hashes (about 60 ms of CPU each) that may run at once; 0 means half the cores, at least one.</summary>
    public int PasswordHashingConcurrency { get; set; }

    /// <summary>Longest a portal session lasts after sign-in, however active (a work shift).</summary>
    public TimeSpan PortalSessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A portal session ends after this long without a request.</summary>
    public TimeSpan PortalIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Addresses or CIDR networks of reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
    /// believed (last hop only), e.g. <c>Verification:TrustedProxies:0=10.0.0.5</c>. Empty: forwarded headers are ignored.
    /// Applies to the whole host, so every domain sees the real client and scheme.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>IANA time zone in which the portal shows times (e.g. a code's expiry), unless the realm has its own.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Time zone per realm, e.g. <c>Verification:RealmTimeZones:martinique=America/Martinique</c>.</summary>
    public IDictionary<string, string> RealmTimeZones { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Days of daily counters kept (aggregates only).</summary>
    public int CountRetentionDays { get; set; } = 90;

    /// <summary>Largest accepted JSON body of the API, in bytes (Google's limit: 64,000).</summary>
    public int MaxRequestBytes { get; set; } = 64_000;

    /// <summary>
    /// Wrong codes the apps of one realm may present per minute, all clients together (the keyless realms share one
    /// budget). See docs/verification.md for the odds this allows.
    /// </summary>
    public int WrongCodesPerRealmPerMinute { get; set; } = 10;

    /// <summary>Wrong codes the whole service accepts per minute, all realms together.</summary>
    public int WrongCodesPerMinute { get; set; } = 30;

    /// <summary>Codes one realm may issue per UTC day through <c>/api/issue</c> (429 <c>quota_exceeded</c> beyond); 0 for no quota.</summary>
    public int DailyIssueQuota { get; set; }

    /// <summary>Read-only for maintenance: issuing and verifying answer 429 <c>maintenance_mode</c>, as Google's server.</summary>
    public bool MaintenanceMode { get; set; }

    /// <summary>
    /// Wire size (HTTP/1.1 status line reason and extra headers included) every answer of <c>/api/verify</c> and
    /// <c>/api/certificate</c> is padded to: successes, chaff and errors look the same to a network observer.
    /// </summary>
    public int PaddedAnswerBytes { get; set; } = 2048;

    /// <summary>
    /// Per-realm settings applied at start, by realm name (the realm is created if missing), e.g.
    /// <c>Verification:Realms:north:RequireDeviceKey=true</c>.
    /// </summary>
    public Dictionary<string, RealmSettings> Realms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Name of the realm seeded on first start, with a demo admin account.</summary>
    public string DemoRealm { get; set; } = "demo";

    /// <summary>
    /// Base64 of 32 bytes. When set, the stored code HMAC key and signing key are encrypted with it (AES-256-GCM);
    /// keep it outside the database, e.g. in an environment variable <c>Verification__KeyEncryptionKey</c>.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>After this instant no code, token or certificate is issued any more (the programme's sunset).</summary>
    public DateTimeOffset? SunsetAt { get; set; }
}
