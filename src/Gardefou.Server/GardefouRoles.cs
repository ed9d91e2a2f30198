namespace Gardefou.Server;

/// <summary>The trust domains a host process runs. <c>all</c> (the default) runs every one.</summary>
[Flags]
public enum GardefouRoles
{
    None = 0,

    /// <summary>The diagnosis-key service: publish, exports.</summary>
    Keys = 1,

    /// <summary>The verification service: codes, tokens, certificates, the health workers' portal.</summary>
    Verification = 2,

    /// <summary>The resource registry: tests, masks, beds and the public pages.</summary>
    Registry = 4,

    All = Keys | Verification | Registry,
}
