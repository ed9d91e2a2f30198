namespace Gardefou.Verification.Api;

/// <summary>
/// Service keys of the shared <see cref="Gardefou.Hosting.Timing.ResponseTiming"/> held per upload-path endpoint:
/// each endpoint's answers are timed against its own real successes.
/// </summary>
internal static class UploadTimings
{
    /// <summary>Service key of the timing of <c>/api/verify</c>.</summary>
    public const string Verify = "verify";

    /// <summary>Service key of the timing of <c>/api/certificate</c>.</summary>
    public const string Certificate = "certificate";
}
