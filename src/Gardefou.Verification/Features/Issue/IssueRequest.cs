namespace Gardefou.Verification.Features.Issue;

/// <summary>Body of <c>POST /api/issue</c>. Dates are <c>YYYY-MM-DD</c>; <c>padding</c> is ignored.</summary>
public sealed record IssueRequest(string TestType, string TestDate, string? SymptomDate = null, string? Padding = null);
