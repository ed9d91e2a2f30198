namespace Gardefou.Verification.Storage;

/// <summary>The diagnosis a code attests; it becomes the certificate's report type.</summary>
public enum TestType
{
    /// <summary>A positive laboratory test.</summary>
    Confirmed = 1,

    /// <summary>A clinical diagnosis without a test result.</summary>
    Likely = 2,
}
