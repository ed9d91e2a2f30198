using System.Globalization;
using Gardefou.Registry.Freshness;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;

namespace Gardefou.Registry.Demo;

/// <summary>
/// Demo sites that look like a real country: communes drawn in proportion to their population (so Paris gets
/// hundreds, a village rarely one), points scattered around the commune, realistic names, hours and reports.
/// Same seed, same sites.
/// </summary>
internal sealed class DemoSiteGenerator
{
    private readonly Random _random;
    private readonly IReadOnlyList<GazetteerPlace> _places;
    private readonly long[] _cumulative;
    private readonly FreshnessPolicy _freshness;

    public DemoSiteGenerator(FrenchGazetteer gazetteer, int seed, FreshnessPolicy? freshness = null)
    {
        _random = new Random(seed);
        _freshness = freshness ?? new FreshnessPolicy(new RegistryOptions());
        // Paris, Lyon and Marseille are also listed as their municipal arrondissements, which carry the same
        // people: drawing from both would count those cities twice.
        _places = [.. gazetteer.Located.Where(p => !p.Approximate && p.Population > 0 && p.Code is not ("75056" or "69123" or "13055"))];
        _cumulative = new long[_places.Count];
        long total = 0;
        for (var i = 0; i < _places.Count; i++)
        {
            total += _places[i].Population;
            _cumulative[i] = total;
        }
    }

    public IEnumerable<(SiteRow Site, List<ObservationRow> Observations)> Generate(int count, DateTimeOffset now)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next(i, now);
        }
    }

    private (SiteRow, List<ObservationRow>) Next(int index, DateTimeOffset now)
    {
        var place = PickPlace();
        var roll = _random.NextDouble();
        var kind = roll switch
        {
            < 0.55 => SiteKind.Pharmacy,
            < 0.80 => SiteKind.TestCentre,
            < 0.90 => SiteKind.VaccinationCentre,
            _ => SiteKind.Hospital,
        };
        // Larger towns spread wider: a few hundred metres in a village, several kilometres in a city.
        var spreadKm = 0.4 + (Math.Sqrt(place.Population) / 250);
        var lat = place.Latitude + (Gaussian() * spreadKm / 111.2);
        var lon = place.Longitude + (Gaussian() * spreadKm / (111.2 * Math.Cos(double.DegreesToRadians(place.Latitude))));
        var name = kind switch
        {
            SiteKind.Pharmacy => $"{Pick(DemoNames.PharmacyNames)}, {place.Name}",
            SiteKind.TestCentre => $"{Pick(DemoNames.LabNames)} {place.Name}",
            SiteKind.VaccinationCentre => $"Centre de vaccination de {place.Name}",
            _ => $"Centre hospitalier de {place.Name}",
        };
        var offers = kind switch
        {
            SiteKind.Pharmacy => new[] { "mask.surgical", "mask.ffp2", "mask.child", "test.antigen" },
            SiteKind.TestCentre => ["test.pcr", "test.antigen"],
            SiteKind.VaccinationCentre => ["test.antigen"],
            _ => ["bed.general", "bed.icu", "bed.oxygen", "bed.ventilator", "test.pcr"],
        };
        var id = string.Create(CultureInfo.InvariantCulture, $"demo-{place.Code}-{index:D6}");
        var site = new SiteRow
        {
            Id = id,
            ExternalIds = [string.Create(CultureInfo.InvariantCulture, $"demo-finess:{_random.Next(100_000_000, 999_999_999)}")],
            Kind = kind,
            Name = name,
            Street = string.Create(CultureInfo.InvariantCulture, $"{_random.Next(1, 120)} {Pick(DemoNames.Streets)}"),
            Postcode = place.Postcodes.Count > 0 ? place.Postcodes[_random.Next(place.Postcodes.Count)] : "",
            City = place.Name,
            CommuneCode = place.Code,
            Latitude = Math.Round(lat, 5),
            Longitude = Math.Round(lon, 5),
            OpeningHours = kind == SiteKind.Hospital
                ? "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;OPENS=00:00;CLOSES=24:00"
                : "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;OPENS=08:30;CLOSES=19:30\nFREQ=WEEKLY;BYDAY=SA;OPENS=09:00;CLOSES=12:30\nEXDATE=2026-12-25",
            Wheelchair = _random.NextDouble() < 0.7,
            WalkIn = kind != SiteKind.Hospital && _random.NextDouble() < 0.6,
            DriveThrough = kind == SiteKind.TestCentre && _random.NextDouble() < 0.3,
            AppointmentRequired = kind is SiteKind.TestCentre or SiteKind.VaccinationCentre && _random.NextDouble() < 0.5,
            Languages = ["fr", .. DemoNames.Languages.Where(_ => _random.NextDouble() < 0.15)],
            Eligibility = kind == SiteKind.Hospital ? "Sur orientation médicale / by referral" : "Tout public / everyone",
            BookingUrl = null,
            Phone = string.Create(CultureInfo.InvariantCulture, $"+33 {_random.Next(1, 6)} {_random.Next(10, 99)} {_random.Next(10, 99)} {_random.Next(10, 99)} {_random.Next(10, 99)}"),
            Offers = [.. offers],
            CreatedAt = now,
            UpdatedAt = now,
        };
        var observations = new List<ObservationRow>();
        // A site that reports on a schedule last reported within one of its intervals (DemoSchedule, which the demo
        // reporter follows from there); a silent one at any time in the last hours, so its numbers age out.
        var interval = DemoSchedule.IntervalOf(id, [.. offers.Select(ResourceType.Parse)], _freshness);
        foreach (var offer in offers)
        {
            var type = ResourceType.Parse(offer);
            var checkedAt = interval is { } every
                ? now - TimeSpan.FromSeconds(Math.Floor(every.TotalSeconds * _random.NextDouble())) // whole seconds: PostgreSQL keeps µs
                : now - TimeSpan.FromMinutes(_random.Next(0, type.Category == ResourceCategory.Bed ? 1440 : 60));
            var available = type.Category switch
            {
                ResourceCategory.Bed => _random.NextDouble() < 0.2 ? 0 : _random.Next(1, type == ResourceType.Parse("bed.general") ? 80 : 12),
                _ => _random.NextDouble() < 0.15 ? 0 : _random.Next(1, 200),
            };
            observations.Add(new ObservationRow
            {
                SiteId = id,
                Resource = type.Code,
                Available = available,
                Total = type.Category == ResourceCategory.Bed ? available + _random.Next(0, 40) : null,
                Basis = type.Category == ResourceCategory.Bed ? "staffed" : null,
                Unit = type.Category switch { ResourceCategory.Bed => "beds", ResourceCategory.Test => "tests", _ => "masks" },
                Method = ObservationMethod.Demo,
                Source = "demo",
                CheckedAt = checkedAt,
                ValidUntil = checkedAt + TimeSpan.FromDays(1),
                ChangedAt = checkedAt,
                IsCurrent = true,
            });
        }
        return (site, observations);
    }

    private GazetteerPlace PickPlace()
    {
        var target = _random.NextInt64(_cumulative[^1]);
        var index = Array.BinarySearch(_cumulative, target + 1);
        return _places[index >= 0 ? index : ~index];
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private double Gaussian()
    {
        // Box–Muller, clipped at 3 sigma so no site lands in the sea far from its town.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Clamp(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2), -3, 3);
    }
}
