namespace Gardefou.Cli;

/// <summary>
/// The one table of exit codes every <c>gardefou</c> command follows (documented in docs/cli.md), so a script can
/// tell "fix the command line" from "something went wrong while running it".
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>
    /// A runtime failure the user can act on: server unreachable, code refused, port busy, a signature that does not
    /// verify, a benchmark whose results do not check out.
    /// </summary>
    public const int Failed = 1;

    /// <summary>Bad arguments: an unknown or missing option, a value out of range, an input file that is not what it should be.</summary>
    public const int BadArguments = 2;

    /// <summary>Interrupted by Ctrl+C before it finished (System.CommandLine's convention; <c>serve</c> stopped by Ctrl+C exits 0).</summary>
    public const int Interrupted = 130;
}
