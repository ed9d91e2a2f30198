using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Codes;

/// <summary>
/// What a code, and the token it becomes, attest (Google's token "subject"): the test type and the dates the issuer
/// gave, each optional. Only the symptom date becomes the certificate's onset.
/// </summary>
internal sealed record CodeSubject(TestType TestType, DateOnly? TestDate, DateOnly? SymptomDate)
{
    public static CodeSubject From(Diagnosis diagnosis) => new(diagnosis.TestType, diagnosis.TestDate, diagnosis.SymptomDate);
}
