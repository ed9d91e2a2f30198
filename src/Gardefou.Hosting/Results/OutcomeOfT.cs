using System.Diagnostics.CodeAnalysis;

namespace Gardefou.Hosting.Results;

/// <summary>
/// The one shape of "a value or the reason there is none" across the domains: a reader, a parser or a check that
/// can fail on bad input returns an <see cref="Outcome{T, TError}"/> instead of an out parameter, a tuple of
/// nullables or an exception. <typeparamref name="TError"/> is what the caller answers with (a message, a
/// problem result, a protocol error).
/// </summary>
/// <typeparam name="T">The value on success.</typeparam>
/// <typeparam name="TError">The error on failure.</typeparam>
public readonly struct Outcome<T, TError>
{
    private readonly T? _value;
    private readonly TError? _error;

    private Outcome(T? value, TError? error, bool succeeded)
    {
        _value = value;
        _error = error;
        Succeeded = succeeded;
    }

    /// <summary>Whether there is a value.</summary>
    public bool Succeeded { get; }

    /// <summary>The value; throws on a failure.</summary>
    public T Value => Succeeded ? _value! : throw new InvalidOperationException("A failed outcome has no value.");

    /// <summary>The error; throws on a success.</summary>
    public TError Error => Succeeded ? throw new InvalidOperationException("A successful outcome has no error.") : _error!;

    /// <summary>A success holding <paramref name="value"/>.</summary>
    public static Outcome<T, TError> Success(T value) => new(value, default, true);

    /// <summary>A failure holding <paramref name="error"/>.</summary>
    public static Outcome<T, TError> Failure(TError error) => new(default, error, false);

    /// <summary>A success: lets a method return its value as is.</summary>
    public static implicit operator Outcome<T, TError>(T value) => Success(value);

    /// <summary>A failure: lets a method <c>return Outcome.Fail(error);</c>.</summary>
    public static implicit operator Outcome<T, TError>(Failure<TError> failure) => Failure(failure.Error);

    /// <summary>The value, or false with the error: <c>if (!outcome.TryGetValue(out var value, out var error)) return error;</c>.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out TError error)
    {
        value = _value;
        error = _error;
        return Succeeded;
    }
}
