namespace Gardefou.Registry.Model;

/// <summary>How a number reached us, shown beside it so people can judge it.</summary>
public enum ObservationMethod
{
    SiteApi,
    SiteForm,
    Import,
    Demo,
}
