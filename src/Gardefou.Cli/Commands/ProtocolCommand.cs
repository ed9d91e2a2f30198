using System.CommandLine;
using System.Text.Json;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Cli.Commands;

/// <summary><c>gardefou protocol …</c>: tools over the GAEN key schedule.</summary>
internal static class ProtocolCommand
{
    public static Command Create()
    {
        var tek = new Option<string>("--tek") { Description = "Temporary Exposure Key, 32 hex characters", Required = true };
        var interval = new Option<int>("--interval") { Description = "EN interval number of the first identifier", Required = true };
        var metadata = new Option<string?>("--metadata") { Description = "Bluetooth metadata, 8 hex characters; adds \"aem\" to each entry" };
        var derive = new Command("derive", "Derive RPIK, AEMK and the 144 identifiers of a key") { tek, interval, metadata };
        derive.SetAction(result => Derive(result.GetValue(tek)!, result.GetValue(interval), result.GetValue(metadata)));
        return new Command("protocol", "GAEN protocol tools") { derive };
    }

    private static int Derive(string tekHex, int intervalValue, string? metadataHex)
    {
        if (!TryParseHex(tekHex, TemporaryExposureKey.Size, out var tekBytes))
        {
            return Fail("--tek must be exactly 32 hexadecimal characters.");
        }
        if (intervalValue < 0)
        {
            return Fail("--interval must be a non-negative EN interval number.");
        }
        BluetoothMetadata? metadata = null;
        if (metadataHex is not null)
        {
            if (!TryParseHex(metadataHex, BluetoothMetadata.Size, out var metadataBytes))
            {
                return Fail("--metadata must be exactly 8 hexadecimal characters.");
            }
            metadata = BluetoothMetadata.FromBytes(metadataBytes);
        }

        var key = TemporaryExposureKey.FromBytes(tekBytes);
        var rpik = KeySchedule.DeriveRpik(key);
        var aemk = KeySchedule.DeriveAemk(key);
        var first = new EnIntervalNumber(intervalValue);
        var rpis = new RollingProximityIdentifier[KeySchedule.IdentifiersPerKey];
        KeySchedule.ComputeRpis(rpik, first, rpis);

        using var output = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("rpik", rpik.ToHex());
            json.WriteString("aemk", aemk.ToHex());
            json.WriteStartArray("rpis");
            for (var i = 0; i < rpis.Length; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("interval", (first + i).Value);
                json.WriteString("rpi", rpis[i].ToHex());
                if (metadata is { } m)
                {
                    json.WriteString("aem", KeySchedule.EncryptMetadata(aemk, rpis[i], m).ToHex());
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        return 0;
    }

    private static bool TryParseHex(string text, int size, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != size * 2)
        {
            return false;
        }
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.BadArguments;
    }
}
