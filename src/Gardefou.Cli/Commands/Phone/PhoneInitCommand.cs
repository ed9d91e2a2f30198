using System.CommandLine;
using System.Globalization;
using Gardefou.Device;

namespace Gardefou.Cli.Commands.Phone;

/// <summary><c>gardefou phone init &lt;dir&gt; --server &lt;url&gt;</c>: sets up a phone and pins the server's export key.</summary>
internal static class PhoneInitCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The phone's data directory (created)" };
        var server = new Option<string>("--server") { Description = "Key server URL, e.g. http://127.0.0.1:5080", Required = true };
        var verification = new Option<string?>("--verification-server") { Description = "Verification server URL when it is not the key server" };
        var apiKey = new Option<string?>("--api-key") { Description = "The app's API key for the verification server, if it requires one" };
        var sunset = new Option<string?>("--sunset") { Description = "Day (YYYY-MM-DD) from which the phone stops and erases all its data" };
        var command = new Command("init", "Set up a phone: fetch and pin the server's export public key") { dir, server, verification, apiKey, sunset };
        command.SetAction((result, ct) => PhoneCli.RunAsync(async () =>
        {
            if (!TryParseUrl(result.GetValue(server), out var serverUrl))
            {
                return PhoneCli.Fail("--server must be an absolute http(s) URL.");
            }
            Uri? verificationUrl = null;
            if (result.GetValue(verification) is { } v && !TryParseUrl(v, out verificationUrl))
            {
                return PhoneCli.Fail("--verification-server must be an absolute http(s) URL.");
            }
            DateOnly? sunsetDay = null;
            if (result.GetValue(sunset) is { } s)
            {
                if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return PhoneCli.Fail("--sunset must be a day as YYYY-MM-DD.");
                }
                sunsetDay = day;
            }
            var phone = await Device.Phone.InitializeAsync(result.GetValue(dir)!, new PhoneSetup(serverUrl!, verificationUrl, result.GetValue(apiKey), sunsetDay), ct: ct);
            Console.WriteLine($"Phone ready in {phone.DataDirectory}; export key of {phone.Server} pinned.");
            return 0;
        }));
        return command;
    }

    private static bool TryParseUrl(string? text, out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }
        url = new Uri(parsed.AbsoluteUri.TrimEnd('/') + "/");
        return true;
    }
}
