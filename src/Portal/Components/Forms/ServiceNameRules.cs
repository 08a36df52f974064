using System.Text.RegularExpressions;

namespace Platform.Portal.Components.Forms;

/// <summary>Service names are slugs: the same rule the API applies, so most mistakes show before a round trip.</summary>
public static partial class ServiceNameRules
{
    public const string Help = "2-40 characters of lower-case letters, digits and single hyphens, starting with a letter.";

    public static string? Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "The service name is required.";
        return Slug().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal)
            ? null
            : "The service name must be 2-40 characters of lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen.";
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
