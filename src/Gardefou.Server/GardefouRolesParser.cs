namespace Gardefou.Server;

/// <summary>Parses <c>--roles</c>: <c>all</c>, <c>keys</c>, <c>verification</c>, <c>registry</c>, or a comma list of them.</summary>
public static class GardefouRolesParser
{
    /// <summary>Parses <paramref name="text"/> (empty means all); the error says which role is unknown.</summary>
    public static Outcome<GardefouRoles, string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return GardefouRoles.All;
        }
        var roles = GardefouRoles.None;
        foreach (var part in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "all": roles |= GardefouRoles.All; break;
                case "keys": roles |= GardefouRoles.Keys; break;
                case "verification": roles |= GardefouRoles.Verification; break;
                case "registry": roles |= GardefouRoles.Registry; break;
                default:
                    return Outcome.Fail($"unknown role '{part}': use all, keys, verification, registry or a comma list of them");
            }
        }
        if (roles == GardefouRoles.None)
        {
            return Outcome.Fail("no role given");
        }
        return roles;
    }
}
