using System.CommandLine;
using System.Globalization;
using Gardefou.Device;
using Gardefou.Device.Emulation;
using Gardefou.Device.Radio;

namespace Gardefou.Cli.Commands.Phone;

/// <summary>
/// <c>gardefou phone meet &lt;dirA&gt; &lt;dirB&gt; --minutes 20 --distance 1.5 [--at time] [--carried hand]</c>: both phones
/// record the encounter through the simulated radio, as if they had been running at that time.
/// </summary>
internal static class PhoneMeetCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("dirA") { Description = "First phone's data directory" };
        var b = new Argument<string>("dirB") { Description = "Second phone's data directory" };
        var minutes = new Option<int>("--minutes") { Description = "How long they stayed together (1 to 1440)", DefaultValueFactory = _ => 20 };
        var distance = new Option<double>("--distance") { Description = "Distance between them in metres (0 to 100)", DefaultValueFactory = _ => 1.5 };
        var at = new Option<string?>("--at") { Description = "Start of the encounter, ISO 8601 (default: it just ended); within the last 14 days" };
        var carried = new Option<string>("--carried") { Description = "How both phones are carried", DefaultValueFactory = _ => "hand" };
        carried.AcceptOnlyFromAmong("hand", "pocket", "bag", "coat");
        var seed = new Option<int?>("--seed") { Description = "Seed of the simulated radio (default: random)" };
        var command = new Command("meet", "Two phones spend time near each other (simulated Bluetooth)") { a, b, minutes, distance, at, carried, seed };
        command.SetAction((result, ct) => PhoneCli.RunAsync(async () =>
        {
            var duration = TimeSpan.FromMinutes(result.GetValue(minutes));
            var metres = result.GetValue(distance);
            if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(1))
            {
                return PhoneCli.Fail("--minutes must be between 1 and 1440.");
            }
            if (!(metres is >= 0 and <= 100))
            {
                return PhoneCli.Fail("--distance must be between 0 and 100 metres.");
            }
            var now = TimeProvider.System.GetUtcNow();
            var start = now - duration;
            if (result.GetValue(at) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start))
                {
                    return PhoneCli.Fail("--at must be an ISO 8601 time, e.g. 2026-11-26T14:30:00Z.");
                }
            }
            if (start < now - TimeSpan.FromDays(14) || start + duration > now + TimeSpan.FromMinutes(1))
            {
                return PhoneCli.Fail("The encounter must lie within the last 14 days and have ended by now.");
            }
            var dirA = Path.GetFullPath(result.GetValue(a)!);
            var dirB = Path.GetFullPath(result.GetValue(b)!);
            if (dirA == dirB)
            {
                return PhoneCli.Fail("A phone cannot meet itself: give two different directories.");
            }

            var carriage = Enum.Parse<Carriage>(result.GetValue(carried)!, ignoreCase: true);
            var random = result.GetValue(seed) is { } s ? new Random(s) : new Random();
            var clock = new SimulatedClock(start);
            var phoneA = await Device.Phone.OpenAsync(dirA, new PhoneOptions { Clock = clock, Random = new Random(random.Next()) }, ct);
            var phoneB = await Device.Phone.OpenAsync(dirB, new PhoneOptions { Clock = clock, Random = new Random(random.Next()) }, ct);
            var (heardByA, heardByB) = await Encounter.RunAsync(phoneA, phoneB, clock, start, duration, metres, carriage, random, ct: ct);
            Console.WriteLine($"Met for {duration.TotalMinutes:0} min at {metres.ToString("0.##", CultureInfo.InvariantCulture)} m ({result.GetValue(carried)}): " +
                $"{Path.GetFileName(dirA)} recorded {heardByA} scan instance(s), {Path.GetFileName(dirB)} recorded {heardByB}.");
            return 0;
        }));
        return command;
    }
}
