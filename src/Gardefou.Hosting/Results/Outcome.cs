namespace Gardefou.Hosting.Results;

/// <summary>Short factories that let the error type be inferred where the value type is written out.</summary>
public static class Outcome
{
    /// <summary>A failure carrying <paramref name="error"/>, converted to any <see cref="Outcome{T, TError}"/> by the return statement.</summary>
    public static Failure<TError> Fail<TError>(TError error) => new(error);
}
