namespace Gardefou.Cli.Commands.Bench;

/// <summary>What one child process measured.</summary>
internal sealed record PhoneBenchMeasure(double ColdMs, double WarmMs, double PeakRssMb, double RssBeforeMb, double AllocatedMb, string[] Days);
