using System.CommandLine;

namespace Gardefou.Cli.Commands.Phone;

/// <summary><c>gardefou phone report &lt;dir&gt; --code &lt;code&gt; [--withhold days]</c>: uploads this phone's keys after a positive test.</summary>
internal static class PhoneReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The phone's data directory" };
        var code = new Option<string>("--code") { Description = "The verification code issued by a health worker", Required = true };
        var withhold = new Option<string?>("--withhold") { Description = "Days not to share, comma-separated YYYY-MM-DD" };
        var command = new Command("report", "Report a positive test: exchange the code and upload the keys of the last 14 days") { dir, code, withhold };
        command.SetAction((result, ct) => PhoneCli.RunAsync(async () =>
        {
            if (!PhoneCli.TryParseDays(result.GetValue(withhold), out var withheld))
            {
                return PhoneCli.Fail("--withhold must list days as YYYY-MM-DD, comma-separated.");
            }
            var phone = await Device.Phone.OpenAsync(result.GetValue(dir)!, ct: ct);
            var report = await phone.ReportPositiveAsync(result.GetValue(code)!, withheld, ct);
            Console.WriteLine($"Uploaded {report.KeysUploaded} key(s) for {string.Join(", ", report.Days.Select(PhoneCli.Day))}.");
            if (report.WithheldDays.Count > 0)
            {
                Console.WriteLine($"Withheld: {string.Join(", ", report.WithheldDays.Select(PhoneCli.Day))}.");
            }
            Console.WriteLine("Thank you: people you met will be notified without learning who you are.");
            return 0;
        }));
        return command;
    }
}
