using System.Globalization;

namespace Gardefou.Registry.Schedules;

/// <summary>
/// Opening hours in an RRULE-like text form (RFC 5545 BYDAY names, the HSDS <c>opens_at</c>/<c>closes_at</c> idea),
/// one rule per line or separated by <c>|</c>. Exceptions (EXDATE, RDATE) override the weekly rules on their date.
/// </summary>
internal sealed class WeeklySchedule
{
    private static readonly string[] s_dayNames = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
    private readonly List<OpeningRule> _rules;

    private WeeklySchedule(List<OpeningRule> rules) => _rules = rules;

    public static WeeklySchedule Empty { get; } = new([]);

    /// <summary>True when no rule is known: "open now" is then unknown, not false.</summary>
    public bool IsUnknown => _rules.Count == 0;

    /// <summary>Parses the rules; the error names the rule at fault. Empty text is a schedule with no rule (unknown hours).</summary>
    public static Outcome<WeeklySchedule, string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }
        var rules = new List<OpeningRule>();
        foreach (var line in text.Split(['\n', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ParseRule(line).TryGetValue(out var rule, out var error))
            {
                return Outcome.Fail(error);
            }
            rules.Add(rule);
        }
        return new WeeklySchedule(rules);
    }

    /// <summary>Whether the site is open at <paramref name="instant"/>, or null when its hours are unknown.</summary>
    public bool? IsOpen(DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (IsUnknown)
        {
            return null;
        }
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        // A rule may run past midnight, so yesterday's rules are checked too.
        return IsOpenFrom(DateOnly.FromDateTime(local), local) || IsOpenFrom(DateOnly.FromDateTime(local).AddDays(-1), local);
    }

    private bool IsOpenFrom(DateOnly day, DateTime local)
    {
        // Loops, not LINQ: this runs for every site in a search answer.
        var exceptional = false;
        foreach (var rule in _rules)
        {
            exceptional |= rule.Date == day;
        }
        foreach (var rule in _rules)
        {
            var applies = exceptional ? rule.Date == day : rule.Date is null && rule.Days.Contains(day.DayOfWeek);
            if (!applies || rule.Closed)
            {
                continue;
            }
            var start = day.ToDateTime(rule.Opens);
            if (local >= start && local < start + rule.Length)
            {
                return true;
            }
        }
        return false;
    }

    private static Outcome<OpeningRule, string> ParseRule(string line)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in line.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                return Outcome.Fail($"'{part}' is not NAME=VALUE");
            }
            parts[part[..eq]] = part[(eq + 1)..];
        }
        if (parts.TryGetValue("EXDATE", out var exdate))
        {
            return DateOnly.TryParseExact(exdate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closedDay)
                ? new OpeningRule(new HashSet<DayOfWeek>(), closedDay, default, TimeSpan.Zero, Closed: true)
                : Outcome.Fail($"bad EXDATE '{exdate}'");
        }
        if (!TryTime(parts, "OPENS", out var opens, out var opensSpan) || !TryTime(parts, "CLOSES", out _, out var closesSpan))
        {
            return Outcome.Fail($"'{line}' needs OPENS=HH:MM and CLOSES=HH:MM");
        }
        var length = closesSpan > opensSpan ? closesSpan - opensSpan : closesSpan + TimeSpan.FromDays(1) - opensSpan;
        if (parts.TryGetValue("RDATE", out var rdate))
        {
            return DateOnly.TryParseExact(rdate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? new OpeningRule(new HashSet<DayOfWeek>(), day, opens, length, Closed: false)
                : Outcome.Fail($"bad RDATE '{rdate}'");
        }
        if (!parts.TryGetValue("FREQ", out var freq) || !freq.Equals("WEEKLY", StringComparison.OrdinalIgnoreCase)
            || !parts.TryGetValue("BYDAY", out var byDay))
        {
            return Outcome.Fail($"'{line}' needs FREQ=WEEKLY;BYDAY=..., RDATE= or EXDATE=");
        }
        var days = new HashSet<DayOfWeek>();
        foreach (var name in byDay.Split(',', StringSplitOptions.TrimEntries))
        {
            var index = Array.FindIndex(s_dayNames, d => d.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return Outcome.Fail($"unknown day '{name}' (use MO,TU,WE,TH,FR,SA,SU)");
            }
            days.Add((DayOfWeek)index);
        }
        return new OpeningRule(days, null, opens, length, Closed: false);
    }

    private static bool TryTime(Dictionary<string, string> parts, string name, out TimeOnly time, out TimeSpan span)
    {
        time = default;
        span = default;
        if (!parts.TryGetValue(name, out var text))
        {
            return false;
        }
        if (text == "24:00")
        {
            span = TimeSpan.FromDays(1);
            return true;
        }
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return false;
        }
        span = time.ToTimeSpan();
        return true;
    }
}
