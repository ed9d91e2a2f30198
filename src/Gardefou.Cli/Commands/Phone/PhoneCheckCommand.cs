using System.CommandLine;
using Gardefou.Device;
using Spectre.Console;

namespace Gardefou.Cli.Commands.Phone;

/// <summary>
/// <c>gardefou phone check &lt;dir&gt; [--json]</c>: what the app does in the background — erase expired data, download
/// new exports, verify, match, notify (the day only), and send a dummy upload if one is due.
/// </summary>
internal static class PhoneCheckCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The phone's data directory" };
        var json = new Option<bool>("--json") { Description = "Print {\"exposed\": true|false, \"days\": [\"YYYY-MM-DD\", ...]} only" };
        var command = new Command("check", "Download new exports, verify, match and print the notification (day only)") { dir, json };
        command.SetAction((result, ct) => PhoneCli.RunAsync(async () =>
        {
            var phone = await Device.Phone.OpenAsync(result.GetValue(dir)!, ct: ct);
            // Progress goes to stderr so that --json output stays exactly one line on stdout.
            var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var exposure = await progress.Status().StartAsync("Downloading and matching new exports…", _ => phone.CheckExposureAsync(ct));
            await SendChaffAsync(phone, ct);
            if (result.GetValue(json))
            {
                Console.WriteLine(exposure.ToJson());
                return 0;
            }
            if (!exposure.Exposed)
            {
                Console.WriteLine($"No exposure found ({exposure.FilesProcessed} new export file(s) checked).");
                return 0;
            }
            Console.WriteLine($"Exposure notification: you were near someone who later tested positive, on {string.Join(", ", exposure.Days.Select(PhoneCli.Day))}.");
            Console.WriteLine("Follow the health authority's advice: get tested, and watch for symptoms.");
            return 0;
        }));
        return command;
    }

    private static async Task SendChaffAsync(Device.Phone phone, CancellationToken ct)
    {
        try
        {
            await phone.SendDueChaffAsync(ct);
        }
        catch (PhoneException)
        {
            // A dummy upload that fails is simply not sent; it must not change what the check reports.
        }
    }
}
