namespace Gardefou.Registry.Model;

/// <summary>What a site is; decides which services it usually offers.</summary>
public enum SiteKind
{
    Pharmacy,
    TestCentre,
    Hospital,
    VaccinationCentre,
}
