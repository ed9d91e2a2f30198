using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Codes;

/// <summary>
/// The <c>accept</c> member of <c>/api/verify</c>, read as Google's verification server reads it: omitted or empty means
/// every type; the values form a hierarchy (<c>likely</c> implies <c>confirmed</c>, <c>negative</c> implies both) and
/// <c>user-report</c> may be added to any of them; letter case is ignored; any other value is an error.
/// </summary>
internal static class AcceptedTestTypes
{
    /// <summary>The stored test types the client accepts, or false when a value is not a test type.</summary>
    public static bool TryParse(IReadOnlyList<string>? accept, out TestType[] types)
    {
        if (accept is null || accept.Count == 0)
        {
            types = [TestType.Confirmed, TestType.Likely];
            return true;
        }
        var likely = false;
        foreach (var value in accept)
        {
            switch (value?.ToLowerInvariant())
            {
                case "confirmed":
                case "user-report":
                    break;
                case "likely":
                case "negative":
                    likely = true;
                    break;
                default:
                    types = [];
                    return false;
            }
        }
        // Every accepted list includes confirmed; Gardefou issues no negative or user-report codes.
        types = likely ? [TestType.Confirmed, TestType.Likely] : [TestType.Confirmed];
        return true;
    }
}
