using System.Text.RegularExpressions;

namespace Platform.Domain;

/// <summary>Names of teams, services and templates: DNS-label style, so they fit routes and hostnames.</summary>
public static partial class Slug
{
    public const string Pattern = "^[a-z][a-z0-9-]{0,38}[a-z0-9]$";

    public static bool IsValid(string? value) => value is not null && SlugRegex().IsMatch(value) && !value.Contains("--", StringComparison.Ordinal);

    public static string Describe(string what) =>
        $"{what} must be 2-40 characters of lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen.";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();
}
