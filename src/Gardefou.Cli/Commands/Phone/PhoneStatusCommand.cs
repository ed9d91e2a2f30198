using System.CommandLine;
using Spectre.Console;

namespace Gardefou.Cli.Commands.Phone;

/// <summary><c>gardefou phone status &lt;dir&gt;</c>: counts and days, never keys, identifiers or times of day.</summary>
internal static class PhoneStatusCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The phone's data directory" };
        var command = new Command("status", "Show what the phone holds (counts and days only)") { dir };
        command.SetAction((result, ct) => PhoneCli.RunAsync(async () =>
        {
            var phone = await Device.Phone.OpenAsync(result.GetValue(dir)!, ct: ct);
            var status = await phone.GetStatusAsync(ct);
            var table = new Table().AddColumn("item").AddColumn("value");
            table.AddRow("server", Markup.Escape(status.Server.AbsoluteUri));
            table.AddRow("own keys kept", status.KeyCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("scan instances kept", status.ObservationCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("last export processed", Markup.Escape(status.LastExportPath ?? "none"));
            table.AddRow("exposure days", status.ExposureDays.Count == 0 ? "none" : string.Join(", ", status.ExposureDays.Select(PhoneCli.Day)));
            table.AddRow("reported positive", status.Reported ? "yes" : "no");
            table.AddRow("dummy uploads sent", status.ChaffSent.ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("sunset", status.Sunset is { } s ? PhoneCli.Day(s) : "none");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
