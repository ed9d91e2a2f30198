using System.Text.Json;

namespace Gardefou.Protocol.Tests.Vectors;

/// <summary>The 144 published GAEN v1.2 vectors, read from <c>gaen-test-vectors.json</c>.</summary>
internal sealed class GaenVectors
{
    public required string Tek { get; init; }
    public required string Rpik { get; init; }
    public required string Aemk { get; init; }
    public required string Metadata { get; init; }
    public required int FirstInterval { get; init; }
    public required IReadOnlyList<(int Interval, string Rpi, string Aem)> Intervals { get; init; }

    public static GaenVectors Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("gaen-test-vectors.json")));
        var root = doc.RootElement;
        var intervals = root.GetProperty("intervals").EnumerateArray()
            .Select(e => (e.GetProperty("interval_number").GetInt32(), e.GetProperty("rpi").GetString()!, e.GetProperty("aem").GetString()!))
            .ToList();
        return new GaenVectors
        {
            Tek = root.GetProperty("tek").GetString()!,
            Rpik = root.GetProperty("rpik").GetString()!,
            Aemk = root.GetProperty("aemk").GetString()!,
            Metadata = root.GetProperty("bluetooth_metadata").GetString()!,
            FirstInterval = root.GetProperty("en_interval_number_of_generated_key").GetInt32(),
            Intervals = intervals,
        };
    }

    public static TheoryData<int> IntervalIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load().Intervals.Count; i++)
        {
            data.Add(i);
        }
        return data;
    }
}
