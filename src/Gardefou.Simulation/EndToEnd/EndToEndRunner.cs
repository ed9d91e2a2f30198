using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;
using Gardefou.Simulation.Population;

namespace Gardefou.Simulation.EndToEnd;

/// <summary>
/// Runs the end-to-end mode: every app user of the population carries a real <c>Gardefou.Device</c> phone with real
/// keys and identifiers, talking over HTTP to a real server. The engine (disease, contacts, tests, behaviour) is the
/// fast mode's; what changes is who decides a notification: the phones, from their own sightings and the signed
/// exports they download.
/// </summary>
public static class EndToEndRunner
{
    /// <summary>Largest population the mode accepts (each app user is a SQLite database and an HTTP client).</summary>
    public const int MaxPeople = 5000;

    /// <summary>Longest run: the server accepts keys of the last 15 days only, and simulated days are mapped onto real ones.</summary>
    public const int MaxDays = 14;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="parameters"/> cannot run end to end on <paramref name="people"/> people.</summary>
    public static void Validate(SimulationParameters parameters, int people)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (people > MaxPeople)
        {
            throw new ArgumentException($"the end-to-end mode runs up to {MaxPeople:N0} people (this population has {people:N0}); use --population");
        }
        if (parameters.Days > MaxDays)
        {
            throw new ArgumentException($"the end-to-end mode runs up to {MaxDays} days: simulated days are mapped onto the last {MaxDays} real ones, whose keys the server still accepts");
        }
        if (parameters.App.Design != Design.Gaen)
        {
            throw new ArgumentException("the end-to-end mode runs the GAEN design only (Gardefou.Device is a GAEN phone)");
        }
        if (parameters.App.Adoption <= 0)
        {
            throw new ArgumentException("the end-to-end mode needs app users: adoption must be above 0");
        }
    }

    /// <summary>Runs <paramref name="parameters"/> end to end; phone stores live under <paramref name="workDirectory"/> and are deleted afterwards.</summary>
    public static (RunResult Result, DeviceStatistics Devices) Run(
        SimulationParameters parameters, SyntheticPopulation population, EndToEndServer server, HttpClient http, string workDirectory,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(http);
        Validate(parameters, population.Count);
        var directory = Path.Combine(Path.GetFullPath(workDirectory), "phones-" + Guid.NewGuid().ToString("N")[..8]);
        using var town = new DeviceTown(parameters, server, http, directory, cancellationToken);
        var result = new Simulator(parameters, population, town).Run(progress, cancellationToken);
        return (result, town.Statistics);
    }

    /// <summary>Runs the fast mode and the end-to-end mode on the same population and seed; <paramref name="progress"/> receives the end-to-end days done.</summary>
    public static EndToEndComparison Compare(
        SimulationParameters parameters, SyntheticPopulation population, EndToEndServer server, HttpClient http, string workDirectory,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(population);
        Validate(parameters, population.Count);
        var fast = new Simulator(parameters, population).Run(cancellationToken: cancellationToken);
        var (endToEnd, devices) = Run(parameters, population, server, http, workDirectory, progress, cancellationToken);
        return new EndToEndComparison(fast, endToEnd, devices);
    }
}
