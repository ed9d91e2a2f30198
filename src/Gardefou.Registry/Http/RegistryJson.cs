using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gardefou.Registry.Http;

/// <summary>The registry's own JSON settings, independent of the host's: nulls written (the contract has them), unknown fields refused.</summary>
internal static class RegistryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        MaxDepth = 16,
    };

    /// <summary>Compact output for static files, where every byte is served many times.</summary>
    public static JsonSerializerOptions Compact { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
