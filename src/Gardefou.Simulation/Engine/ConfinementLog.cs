namespace Gardefou.Simulation.Engine;

/// <summary>
/// Every period a person stayed home (self-isolation or quarantine) as it really happened: an isolation that a
/// negative test ends early or new symptoms extend is updated in place, so the days counted are the days stayed.
/// </summary>
internal sealed class ConfinementLog
{
    private readonly List<Episode> _episodes = [];

    // The isolation each person is in now (index into _episodes), so that shortening or extending it edits that entry.
    private readonly Dictionary<int, int> _currentIsolation = [];

    /// <summary>Records a new isolation from <paramref name="start"/> to the day before <paramref name="end"/>.</summary>
    public void StartIsolation(int person, int start, int end)
    {
        _currentIsolation[person] = _episodes.Count;
        _episodes.Add(new Episode(person, (short)start, (short)end));
    }

    /// <summary>Moves the end of the person's current isolation (a negative test, or symptoms that extend it).</summary>
    public void SetIsolationEnd(int person, int end)
    {
        if (_currentIsolation.TryGetValue(person, out var index))
        {
            _episodes[index] = _episodes[index] with { End = (short)end };
        }
    }

    /// <summary>Records a quarantine (its length already includes drop-out).</summary>
    public void AddQuarantine(int person, int start, int end) => _episodes.Add(new Episode(person, (short)start, (short)end));

    /// <summary>
    /// Person-days spent at home while not infected (before infection, never infected, or recovered for three weeks),
    /// counting a day once when isolation and quarantine overlap, up to <paramref name="days"/>.
    /// </summary>
    public long UninfectedDays(AgentState state, int days)
    {
        var sorted = _episodes.ToArray();
        Array.Sort(sorted, (a, b) => a.Person != b.Person ? a.Person.CompareTo(b.Person) : a.Start.CompareTo(b.Start));
        long total = 0;
        var k = 0;
        while (k < sorted.Length)
        {
            var person = sorted[k].Person;
            var infected = state.InfectedDay[person];
            var recoveredFrom = state.State[person] == DiseaseState.Recovered ? infected + 21 : int.MaxValue;
            var coveredUntil = int.MinValue;
            for (; k < sorted.Length && sorted[k].Person == person; k++)
            {
                var from = Math.Max((int)sorted[k].Start, coveredUntil);
                var to = Math.Min((int)sorted[k].End, days);
                for (var d = from; d < to; d++)
                {
                    if (infected == AgentState.Never || d < infected || d >= recoveredFrom)
                    {
                        total++;
                    }
                }
                coveredUntil = Math.Max(coveredUntil, to);
            }
        }
        return total;
    }
}
