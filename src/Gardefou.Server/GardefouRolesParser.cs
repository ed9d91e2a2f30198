namespace Gardefou.Server;

/// <summary>Parses <c>--roles</c>: <c>all</c>, <c>keys</c>, <c>verification</c>, <c>registry</c>, or a comma list of them.</summary>
public static class GardefouRolesParser
{
    /// <summary>Parses <paramref name="text"/>; false with a message for an unknown or empty role.</summary>
    public static bool TryParse(string? text, out GardefouRoles roles, out string? error)
    {
        roles = GardefouRoles.None;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            roles = GardefouRoles.All;
            return true;
        }
        foreach (var part in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "all": roles |= GardefouRoles.All; break;
                case "keys": roles |= GardefouRoles.Keys; break;
                case "verification": roles |= GardefouRoles.Verification; break;
                case "registry": roles |= GardefouRoles.Registry; break;
                default:
                    error = $"unknown role '{part}': use all, keys, verification, registry or a comma list of them";
                    return false;
            }
        }
        if (roles == GardefouRoles.None)
        {
            error = "no role given";
            return false;
        }
        return true;
    }
}
