using System.CommandLine;
using Gardefou.Cli.Commands.Phone;

namespace Gardefou.Cli.Commands;

/// <summary><c>gardefou phone …</c>: a phone emulator over the device library, each phone being a data directory.</summary>
internal static class PhoneCommand
{
    public static Command Create() => new("phone", "Emulated phones running the Gardefou device library (each phone is a data directory)")
    {
        PhoneInitCommand.Create(),
        PhoneMeetCommand.Create(),
        PhoneReportCommand.Create(),
        PhoneCheckCommand.Create(),
        PhoneStatusCommand.Create(),
        PhoneWipeCommand.Create(),
    };
}
