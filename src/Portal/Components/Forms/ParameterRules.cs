using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Contracts.Templates;

namespace Platform.Portal.Components.Forms;

/// <summary>
/// The template's parameter schema as form rules, mirroring what the API checks (the API stays the authority:
/// its answer is shown on the same fields). Messages read as the API words them.
/// </summary>
public static class ParameterRules
{
    /// <summary>The first problem with <paramref name="value"/>, or null when it is acceptable.</summary>
    public static string? Check(TemplateParameterDto parameter, string? value, IReadOnlyCollection<string> teams)
    {
        if (string.IsNullOrWhiteSpace(value))
            return parameter.Required ? $"{parameter.Title} is required." : null;
        value = value.Trim();
        if (parameter.MaxLength is { } max && value.Length > max) return $"{parameter.Title} must be at most {max} characters.";
        return parameter.Type switch
        {
            "integer" when !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => $"{parameter.Title} must be a whole number.",
            "boolean" when value is not ("true" or "false") => $"{parameter.Title} must be true or false.",
            "enum" when !parameter.Options.Contains(value, StringComparer.Ordinal) => $"{parameter.Title} must be one of: {string.Join(", ", parameter.Options)}.",
            "team" when !teams.Contains(value, StringComparer.Ordinal) => $"{parameter.Title} must be a team you belong to.",
            _ when parameter.Pattern is not null && !Matches(parameter.Pattern, value) => parameter.PatternHelp ?? $"{parameter.Title} must match {parameter.Pattern}.",
            _ => null,
        };
    }

    /// <summary>Starting values: each parameter's default (booleans without one start as false).</summary>
    public static Dictionary<string, string?> Defaults(IEnumerable<TemplateParameterDto> parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Default ?? (p.Type == "boolean" ? "false" : null), StringComparer.Ordinal);

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
