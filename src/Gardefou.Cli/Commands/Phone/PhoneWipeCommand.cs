using System.CommandLine;

namespace Gardefou.Cli.Commands.Phone;

/// <summary><c>gardefou phone wipe &lt;dir&gt;</c>: stops the phone and erases all its data.</summary>
internal static class PhoneWipeCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The phone's data directory" };
        var command = new Command("wipe", "Stop broadcasting and erase all of the phone's data") { dir };
        command.SetAction(result => PhoneCli.RunAsync(() =>
        {
            var path = result.GetValue(dir)!;
            if (!Device.Phone.Exists(path))
            {
                return Task.FromResult(PhoneCli.Fail($"No phone in '{Path.GetFullPath(path)}'.", PhoneCli.Failed));
            }
            Device.Phone.Wipe(path);
            Console.WriteLine("Phone wiped: keys, observations and settings erased.");
            return Task.FromResult(0);
        }));
        return command;
    }
}
