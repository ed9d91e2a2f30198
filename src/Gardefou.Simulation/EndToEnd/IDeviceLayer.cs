namespace Gardefou.Simulation.EndToEnd;

/// <summary>
/// What the engine asks of a layer of real phones in the end-to-end mode. The engine keeps the epidemic, the tests
/// and the behaviour; the layer turns contacts into Bluetooth sightings, positive results into uploads and decides
/// notifications by whatever its phones report. Calls come in day order from one thread.
/// </summary>
internal interface IDeviceLayer
{
    /// <summary>Sets up one phone per app user before day 0.</summary>
    void Start(IReadOnlyList<int> appUsers, int days);

    /// <summary>Records what every phone heard on <paramref name="day"/> (both directions of every contact are listed).</summary>
    void RecordDay(int day, IReadOnlyList<HeardContact> heard);

    /// <summary>The phone of <paramref name="person"/> reports a positive test sampled on <paramref name="testDay"/> at the start of <paramref name="day"/>.</summary>
    void Upload(int person, int day, int testDay, int? symptomOnsetDay);

    /// <summary>
    /// Every phone still running the app checks for new exports on the morning of <paramref name="day"/>; returns the
    /// people whose phone showed a new exposure day, with that day, ordered by person.
    /// </summary>
    IReadOnlyList<(int Person, int ExposureDay)> Check(int day, Func<int, bool> runsApp);
}
