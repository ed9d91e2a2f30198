namespace Gardefou.Registry.Schedules;

/// <summary>
/// One line of a schedule: a weekly rule (<c>FREQ=WEEKLY;BYDAY=MO,TU;OPENS=08:00;CLOSES=18:00</c>), an exceptional
/// date with its own hours (<c>RDATE=2026-12-24;OPENS=09:00;CLOSES=12:00</c>) or a closed date (<c>EXDATE=2026-12-25</c>).
/// </summary>
internal sealed record OpeningRule(IReadOnlySet<DayOfWeek> Days, DateOnly? Date, TimeOnly Opens, TimeSpan Length, bool Closed);
