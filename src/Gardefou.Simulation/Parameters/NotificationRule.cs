namespace Gardefou.Simulation.Parameters;

/// <summary>
/// Which of an uploader's app-to-app contacts get notified (Bluetooth designs; the location design keeps its
/// co-location rule). The choice that most changes the app's effect and its false alerts (issue 15: a GAEN
/// 15-minute risk score against OpenABM tracing 80 % of all contacts).
/// </summary>
public enum NotificationRule
{
    /// <summary>The GAEN v2 risk score of <see cref="AppParameters.Risk"/> reaches its daily threshold (default; see <see cref="RiskPresets"/> for the NHS, CWA and SwissCovid settings).</summary>
    Gaen,

    /// <summary>Every contact the phones heard at all notifies, however weak or short.</summary>
    AnyContact,

    /// <summary>Each app-using contact is notified with the recall probability of its setting (<see cref="AppParameters.RecallBySetting"/>), as if the case named them to a tracer; the radio plays no part.</summary>
    ManualRecall,
}
