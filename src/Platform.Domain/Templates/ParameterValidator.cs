using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Domain.Templates;

/// <summary>Checks submitted values against a template's parameters and fills in defaults.</summary>
public static class ParameterValidator
{
    /// <param name="teams">Teams the caller may pick for <see cref="ParameterType.Team"/> parameters.</param>
    public static IReadOnlyDictionary<string, string> Validate(
        IReadOnlyList<TemplateParameter> parameters,
        IReadOnlyDictionary<string, string?> submitted,
        IReadOnlyCollection<string> teams,
        ValidationErrors errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unknown in submitted.Keys.Where(k => parameters.All(p => p.Name != k)))
            errors.Add($"parameters.{unknown}", $"The template has no parameter '{unknown}'.");

        foreach (var parameter in parameters)
        {
            var field = $"parameters.{parameter.Name}";
            submitted.TryGetValue(parameter.Name, out var raw);
            var value = string.IsNullOrWhiteSpace(raw) ? parameter.Default : raw.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (parameter.Required) errors.Add(field, $"{parameter.Title} is required.");
                values[parameter.Name] = "";
                continue;
            }
            var problem = Check(parameter, value, teams);
            if (problem is null) values[parameter.Name] = value;
            else errors.Add(field, problem);
        }
        return values;
    }

    private static string? Check(TemplateParameter p, string value, IReadOnlyCollection<string> teams)
    {
        if (p.MaxLength is { } max && value.Length > max) return $"{p.Title} must be at most {max} characters.";
        return p.Type switch
        {
            ParameterType.Integer when !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) =>
                $"{p.Title} must be a whole number.",
            ParameterType.Boolean when value is not ("true" or "false") => $"{p.Title} must be true or false.",
            ParameterType.Enum when !p.Options.Contains(value, StringComparer.Ordinal) =>
                $"{p.Title} must be one of: {string.Join(", ", p.Options)}.",
            ParameterType.Team when !teams.Contains(value, StringComparer.Ordinal) =>
                $"{p.Title} must be a team you belong to.",
            _ when p.Pattern is not null && !Regex.IsMatch(value, p.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)) =>
                p.PatternHelp ?? $"{p.Title} must match {p.Pattern}.",
            _ => null,
        };
    }
}
