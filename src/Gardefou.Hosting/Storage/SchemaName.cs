namespace Gardefou.Hosting.Storage;

/// <summary>
/// The one rule for PostgreSQL schema names. DDL cannot take an identifier as a parameter, so a schema name is
/// quoted into <c>CREATE SCHEMA</c> and <c>ALTER TABLE</c>: only a plain lower-case identifier may get that far.
/// </summary>
public static class SchemaName
{
    /// <summary>Whether <paramref name="name"/> matches <c>[a-z_][a-z0-9_]*</c> and fits PostgreSQL's 63 bytes.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= 63 } && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>Returns <paramref name="name"/>, or throws when it is not a plain identifier.</summary>
    /// <exception cref="ArgumentException">The name is not a plain lower-case identifier.</exception>
    public static string Check(string name) => IsValid(name)
        ? name
        : throw new ArgumentException($"PostgreSQL schema '{name}' must match [a-z_][a-z0-9_]* (lower-case letters, digits and underscores, at most 63).", nameof(name));
}
