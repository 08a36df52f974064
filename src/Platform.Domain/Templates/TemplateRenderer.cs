using System.Text.RegularExpressions;

namespace Platform.Domain.Templates;

/// <summary>
/// Replaces <c>{{ name }}</c> placeholders in paths and contents. Only identifiers in double braces are
/// placeholders, so code that uses braces for itself is left alone.
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
            if (!rendered.TryAdd(renderedPath, RenderText(content, values, path)))
                throw new DomainException($"Two template files render to the same path '{renderedPath}'.");
        }
        return rendered;
    }

    /// <summary>Every placeholder name used anywhere in the files.</summary>
    public static IReadOnlySet<string> Placeholders(IReadOnlyDictionary<string, string> files) =>
        files.SelectMany(f => new[] { f.Key, f.Value })
            .SelectMany(text => PlaceholderRegex().Matches(text).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

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
