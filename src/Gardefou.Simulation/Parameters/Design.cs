namespace Gardefou.Simulation.Parameters;

/// <summary>The contact-tracing designs compared on the same population (labels of the privacy catalogue).</summary>
public enum Design
{
    /// <summary>Google/Apple Exposure Notification: daily keys published, matching on the phone.</summary>
    Gaen,

    /// <summary>DP-3T (low-cost): like GAEN but the whole contagious window of a positive is linkable.</summary>
    Dp3t,

    /// <summary>ROBERT/StopCovid: positives upload the identifiers they received, the server computes risk.</summary>
    Robert,

    /// <summary>BlueTrace/TraceTogether: positives hand their encounter log to the ministry, which calls contacts.</summary>
    BlueTrace,

    /// <summary>Location-based tracing: the server matches places and times, no Bluetooth.</summary>
    Location,
}
