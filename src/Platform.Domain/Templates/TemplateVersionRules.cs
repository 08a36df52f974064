using System.Text.RegularExpressions;
using Platform.Domain.Manifests;

namespace Platform.Domain.Templates;

/// <summary>What a template version must satisfy before it is stored (as a draft awaiting vetting).</summary>
public static partial class TemplateVersionRules
{
    /// <summary>Values the platform supplies to every template; parameters may not redefine them.</summary>
    public static IReadOnlySet<string> BuiltIns { get; } = new HashSet<string>(StringComparer.Ordinal) { "service_name", "team", "route", "description" };

    public static void Check(string version, string toolchain, string executor, IReadOnlyList<TemplateParameter> parameters,
        IReadOnlyDictionary<string, string> files, ValidationErrors errors)
    {
        if (!Versions.TryParse(version, out _)) errors.Add("version", $"'{version}' is not a semantic version such as 1.2.0.");
        if (!BuildToolchains.Executors.TryGetValue(toolchain, out var produces))
            errors.Add("toolchain", $"Toolchain '{toolchain}' is unknown (known: {string.Join(", ", BuildToolchains.Executors.Keys)}).");
        else if (produces != executor)
            errors.Add("executor", $"Toolchain '{toolchain}' builds for the '{produces}' executor.");
        CheckParameters(parameters, errors);
        CheckFiles(parameters, files, errors);
    }

    private static void CheckParameters(IReadOnlyList<TemplateParameter> parameters, ValidationErrors errors)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var field = $"parameters[{i}]";
            if (!NameRegex().IsMatch(p.Name)) errors.Add($"{field}.name", "A parameter name is lower-case letters, digits and underscores.");
            else if (BuiltIns.Contains(p.Name)) errors.Add($"{field}.name", $"'{p.Name}' is supplied by the platform.");
            else if (parameters.Take(i).Any(q => q.Name == p.Name)) errors.Add($"{field}.name", $"'{p.Name}' is defined twice.");
            if (string.IsNullOrWhiteSpace(p.Title)) errors.Add($"{field}.title", "A parameter needs a title.");
            if (p.Type == ParameterType.Enum && p.Options.Count == 0) errors.Add($"{field}.options", "An enum parameter needs options.");
            if (p.Pattern is not null && !IsRegex(p.Pattern)) errors.Add($"{field}.pattern", $"'{p.Pattern}' is not a valid regular expression.");
            if (p.Default is not null && errors.IsValid)
            {
                var own = new ValidationErrors();
                ParameterValidator.Validate([p], new Dictionary<string, string?>(), [p.Default], own);
                if (!own.IsValid) errors.Add($"{field}.default", $"The default '{p.Default}' does not pass the parameter's own rules.");
            }
        }
    }

    private static void CheckFiles(IReadOnlyList<TemplateParameter> parameters, IReadOnlyDictionary<string, string> files, ValidationErrors errors)
    {
        if (!files.ContainsKey(ServiceManifest.FileName)) errors.Add("files", $"A template must contain {ServiceManifest.FileName}.");
        foreach (var path in files.Keys.Where(p => p.StartsWith('/') || p.Contains('\\') || p.Split('/').Any(s => s is "" or "." or "..")))
            errors.Add("files", $"'{path}' is not a relative path inside the service.");
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (TemplateRenderer.SectionProblem(path, content) is { } problem) errors.Add("files", problem);
        }
        var known = parameters.Select(p => p.Name).Concat(BuiltIns).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in TemplateRenderer.Placeholders(files).Where(n => !known.Contains(n)).Order(StringComparer.Ordinal))
            errors.Add("files", $"The files use '{{{{ {unknown} }}}}', which is neither a parameter nor supplied by the platform.");
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
