using System.Text.Json;
using Gardefou.Protocol.Certificates;

namespace Gardefou.Protocol.Tests.Certificates;

public sealed class TekMacTests
{
    private static (byte[] Secret, List<(string Name, TekMacKey[] Keys, string[] Cleartexts, string[] Macs)> Cases) Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("gaen-verification-hmac-vectors.json")));
        var root = doc.RootElement;
        var cases = root.GetProperty("cases").EnumerateArray().Select(c => (
            c.GetProperty("name").GetString()!,
            c.GetProperty("keys").EnumerateArray().Select(k => new TekMacKey(
                k.GetProperty("key").GetString()!,
                k.GetProperty("rollingStartNumber").GetInt32(),
                k.GetProperty("rollingPeriod").GetInt32(),
                k.GetProperty("transmissionRisk").GetInt32())).ToArray(),
            StringOrArray(c.GetProperty("expected_cleartext")),
            StringOrArray(c.GetProperty("expected_hmac_base64")))).ToList();
        return (Convert.FromHexString(root.GetProperty("secret_hex").GetString()!), cases);
    }

    private static string[] StringOrArray(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray().Select(x => x.GetString()!)] : [e.GetString()!];

    public static TheoryData<string> CaseNames() => [.. Vectors().Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Published_vector_gives_the_listed_cleartexts_and_macs(string name)
    {
        var (secret, cases) = Vectors();
        var (_, keys, cleartexts, macs) = cases.Single(c => c.Name == name);

        Assert.Equal(cleartexts[0], TekMac.Cleartext(keys));
        Assert.Equal(macs[0], TekMac.ComputeBase64(secret, keys));
        if (cleartexts.Length > 1)
        {
            Assert.Equal(cleartexts[1], TekMac.Cleartext(keys, includeTransmissionRisk: false));
            Assert.Equal(macs[1], Convert.ToBase64String(TekMac.ComputeAlternate(secret, keys)));
        }
        // Key order in the request does not matter.
        Assert.Equal(macs[0], TekMac.ComputeBase64(secret, keys.Reverse()));
        foreach (var mac in macs)
        {
            Assert.True(TekMac.Matches(secret, keys, Convert.FromBase64String(mac)));
        }
    }

    [Fact]
    public void Key_text_never_appears_in_ToString()
    {
        var key = new TekMacKey("z2Cx9hdz2SlxZ8GEgqTYpA==", 1, 144, 3);

        Assert.DoesNotContain("z2Cx", key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Alternate_form_is_refused_when_a_risk_is_not_zero()
    {
        var (secret, cases) = Vectors();
        var keys = cases.Single(c => c.Macs.Length == 1).Keys;

        Assert.False(TekMac.Matches(secret, keys, TekMac.ComputeAlternate(secret, keys)));
    }

    [Fact]
    public void Other_keys_secret_or_truncated_mac_do_not_match()
    {
        var (secret, cases) = Vectors();
        var keys = cases[0].Keys;
        var mac = TekMac.Compute(secret, keys);

        Assert.False(TekMac.Matches(secret, keys[..1], mac));
        Assert.False(TekMac.Matches(secret, [keys[0], keys[1] with { RollingPeriod = 143 }], mac));
        Assert.False(TekMac.Matches([.. secret[..^1], (byte)(secret[^1] ^ 1)], keys, mac));
        Assert.False(TekMac.Matches(secret, keys, mac.AsSpan(0, 31)));
    }
}
