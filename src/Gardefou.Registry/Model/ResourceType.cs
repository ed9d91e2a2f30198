using System.Collections.Frozen;

namespace Gardefou.Registry.Model;

/// <summary>A resource a site offers, named <c>category.kind</c> on the wire (e.g. <c>mask.ffp2</c>).</summary>
public readonly record struct ResourceType
{
    private static readonly string[] s_names =
    [
        "test.pcr", "test.antigen",
        "mask.surgical", "mask.ffp2", "mask.child",
        "bed.general", "bed.icu", "bed.oxygen", "bed.ventilator",
    ];

    private static readonly FrozenDictionary<string, int> s_byName =
        s_names.Select((n, i) => (n, i)).ToFrozenDictionary(x => x.n, x => x.i, StringComparer.OrdinalIgnoreCase);

    private ResourceType(int code) => Code = code;

    /// <summary>Dense code 0..<see cref="Count"/>-1, used as an array index on hot paths.</summary>
    public int Code { get; }

    public static int Count => s_names.Length;

    public static IReadOnlyList<ResourceType> All { get; } = [.. Enumerable.Range(0, s_names.Length).Select(i => new ResourceType(i))];

    public string Name => s_names[Code];

    public ResourceCategory Category => Code switch
    {
        <= 1 => ResourceCategory.Test,
        <= 4 => ResourceCategory.Mask,
        _ => ResourceCategory.Bed,
    };

    public static ResourceType FromCode(int code) =>
        code >= 0 && code < s_names.Length ? new ResourceType(code) : throw new ArgumentOutOfRangeException(nameof(code));

    public static bool TryParse(string? name, out ResourceType type)
    {
        if (name is not null && s_byName.TryGetValue(name, out var code))
        {
            type = new ResourceType(code);
            return true;
        }
        type = default;
        return false;
    }

    public static ResourceType Parse(string name) =>
        TryParse(name, out var type) ? type : throw new FormatException($"Unknown resource type '{name}'.");

    public override string ToString() => Name;
}
