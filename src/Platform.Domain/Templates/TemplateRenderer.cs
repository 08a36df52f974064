using System.Text.RegularExpressions;

namespace Platform.Domain.Templates;

/// <summary>
/// Replaces <c>{{ name }}</c> placeholders in paths and contents, after resolving the conditional sections
/// <c>{% if name %}…{% else %}…{% endif %}</c> of contents (<see cref="TemplateSections"/>). Only identifiers in double
/// braces are placeholders and only those three tags are sections, so code that uses braces for itself is left alone.
/// </summary>
public static partial class TemplateRenderer
{
    public static IReadOnlyDictionary<string, string> Render(
        IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string> values)
    {
        var rendered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, content) in files)
        {
            var renderedPath = RenderText(path, values, path);
            var kept = TemplateSections.Resolve(content, name => values.TryGetValue(name, out var value) ? IsSet(value) : null, path);
            if (!rendered.TryAdd(renderedPath, RenderText(kept, values, path)))
                throw new DomainException($"Two template files render to the same path '{renderedPath}'.");
        }
        return rendered;
    }

    /// <summary>Every placeholder and section name used anywhere in the files.</summary>
    public static IReadOnlySet<string> Placeholders(IReadOnlyDictionary<string, string> files) =>
        files.SelectMany(f => new[] { f.Key, f.Value })
            .SelectMany(text => PlaceholderRegex().Matches(text).Select(m => m.Groups["name"].Value).Concat(TemplateSections.Names(text)))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The first problem with the sections of a file (an unbalanced tag), or null; names are checked by <see cref="Placeholders"/>.</summary>
    public static string? SectionProblem(string path, string content)
    {
        try
        {
            TemplateSections.Resolve(content, _ => true, path);
            return null;
        }
        catch (DomainException e)
        {
            return e.Message;
        }
    }

    /// <summary>Whether a value turns a section on: anything but empty and <c>false</c> (an unset optional parameter is empty).</summary>
    private static bool IsSet(string value) => value.Length > 0 && value != "false";

    private static string RenderText(string text, IReadOnlyDictionary<string, string> values, string file) =>
        PlaceholderRegex().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            return values.TryGetValue(name, out var value)
                ? value
                : throw new DomainException($"Template file '{file}' uses '{{{{ {name} }}}}', which is not a parameter.");
        });

    [GeneratedRegex(@"\{\{\s*(?<name>[a-z_][a-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRegex();
}
