using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gardefou.Hosting.Options;

/// <summary>
/// The one options style of the host: bound from a configuration section, checked by rules written next to the
/// registration (<c>.Validate(rule, message)</c>, or the <see cref="Within"/> and <see cref="Required"/> shorthands),
/// and validated at start (<c>ValidateOnStart</c>), so a wrong setting stops the process with a message that names
/// the configuration key, never a request later. No data annotations: one place to read every rule.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Registers <typeparamref name="T"/>, bound from <paramref name="section"/> when a configuration is given, validated at start.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration? configuration, string section)
        where T : class
    {
        var builder = services.AddOptions<T>();
        if (configuration is not null)
        {
            builder.Bind(configuration.GetSection(section));
        }
        return builder.ValidateOnStart();
    }

    /// <summary>A rule that <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>]; the message names <paramref name="key"/>.</summary>
    public static OptionsBuilder<T> Within<T, TValue>(this OptionsBuilder<T> builder, Func<T, TValue> value, TValue min, TValue max, string key)
        where T : class
        where TValue : IComparable<TValue>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        return builder.Validate(
            o => value(o) is var v && v.CompareTo(min) >= 0 && v.CompareTo(max) <= 0,
            string.Create(CultureInfo.InvariantCulture, $"{key} must be {min} to {max}."));
    }

    /// <summary>A rule that a text setting is not empty; the message names <paramref name="key"/>.</summary>
    public static OptionsBuilder<T> Required<T>(this OptionsBuilder<T> builder, Func<T, string?> value, string key)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        return builder.Validate(o => !string.IsNullOrWhiteSpace(value(o)), $"{key} is required.");
    }
}
