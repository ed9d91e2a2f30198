using Gardefou.Simulation.Engine;
using Gardefou.Simulation.Parameters;

namespace Gardefou.Simulation.Tests.Engine;

public sealed class AdoptionSquaredTests
{
    // Fraction of all contact-days in which both phones run the app and hear enough to notify.
    private static (double Detectable, double Contacts) Measure(double adoption)
    {
        var pop = TestScenarios.Town("Dijon", 20_000);
        var parameters = TestScenarios.Unmitigated(1) with
        {
            App = new AppParameters
            {
                Adoption = adoption,
                HouseholdClustering = 0,
                AgeAdoption = [1, 1, 1, 1, 1, 1, 1, 1, 1],
                DropOutPerDay = 0,
                PhoneLeftBehindPerDay = 0,
            },
        };
        var sim = new Simulator(parameters, pop);
        sim.Run(cancellationToken: TestContext.Current.CancellationToken);
        long contacts = 0, detectable = 0;
        for (var person = 0; person < pop.Count; person += 2)
        {
            foreach (var (other, setting, key) in sim.ContactsOn(person, 0).ToArray())
            {
                contacts++;
                if (sim.State.HasApp(person, 0) && sim.State.HasApp(other, 0)
                    && sim.Heard(person, other, setting, key) >= parameters.App.NotificationMinutes)
                {
                    detectable++;
                }
            }
        }
        return (detectable / (double)contacts, contacts);
    }

    [Fact]
    public void Unclustered_adoption_p_makes_p_squared_times_detection_of_contacts_detectable()
    {
        var (detection, contacts) = Measure(1.0);
        Assert.True(contacts > 10_000);
        Assert.InRange(detection, 0.1, 0.95);
        foreach (var p in new[] { 0.3, 0.6 })
        {
            var (fraction, _) = Measure(p);
            var expected = p * p * detection;
            Assert.InRange(fraction, expected * 0.85, expected * 1.15);
        }
    }
}
