using System.Globalization;
using Gardefou.Device;

namespace Gardefou.Cli.Commands.Phone;

/// <summary>What the phone commands share: error reporting and exit codes.</summary>
internal static class PhoneCli
{
    /// <summary>Exit code of a failure the user can act on (server unreachable, refused code, bad export).</summary>
    public const int Failed = ExitCodes.Failed;

    /// <summary>Exit code of an invalid argument.</summary>
    public const int BadArguments = ExitCodes.BadArguments;

    /// <summary>Runs <paramref name="action"/>, turning the library's errors into a message on stderr and an exit code.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (PhoneException e)
        {
            return Fail(e.Message, Failed);
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message, BadArguments);
        }
        catch (IOException e)
        {
            return Fail(e.Message, Failed);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message, Failed);
        }
    }

    public static int Fail(string message, int code = BadArguments)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseDays(string? text, out HashSet<DateOnly> days)
    {
        days = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return false;
            }
            days.Add(day);
        }
        return true;
    }
}
