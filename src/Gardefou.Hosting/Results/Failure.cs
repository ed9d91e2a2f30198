namespace Gardefou.Hosting.Results;

/// <summary>An error waiting for the value type of the <see cref="Outcome{T, TError}"/> it is returned as.</summary>
/// <param name="Error">The error.</param>
public readonly record struct Failure<TError>(TError Error);
