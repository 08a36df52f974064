using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Domain.Templates;

/// <summary>
/// Conditional sections of a template file: <c>{% if name %}…{% else %}…{% endif %}</c> keeps the first part when the
/// value of <c>name</c> is set (neither empty nor <c>false</c>), else the second; sections nest. A tag alone on its line
/// takes the whole line with it, so a section of whole lines leaves no blank line behind. Any other <c>{% … %}</c> is text.
/// </summary>
internal static partial class TemplateSections
{
    /// <summary>The text with every section resolved; an unknown name or an unbalanced tag is a <see cref="DomainException"/>.</summary>
    public static string Resolve(string text, Func<string, bool?> isSet, string file)
    {
        var output = new StringBuilder(text.Length);
        // One frame per open section: whether its current branch is kept, whether the enclosing text is, and whether it had an else.
        var open = new Stack<(bool Keep, bool Outer, bool SawElse)>();
        var keep = true;
        var at = 0;
        foreach (Match tag in TagRegex().Matches(text))
        {
            if (keep) output.Append(text, at, Start(tag) - at);
            at = End(tag);
            if (tag.Groups["name"].Success)
            {
                var name = tag.Groups["name"].Value;
                var set = isSet(name) ?? throw new DomainException($"Template file '{file}' uses '{{% if {name} %}}', which is not a parameter.");
                open.Push((set, keep, false));
                keep = keep && set;
            }
            else if (open.Count == 0)
            {
                throw new DomainException($"Template file '{file}' has a '{{% {Word(tag)} %}}' without an '{{% if … %}}' before it.");
            }
            else if (tag.Groups["else"].Success)
            {
                var section = open.Pop();
                if (section.SawElse) throw new DomainException($"Template file '{file}' has two '{{% else %}}' in one section.");
                open.Push((!section.Keep, section.Outer, true));
                keep = section.Outer && !section.Keep;
            }
            else
            {
                keep = open.Pop().Outer;
            }
        }
        if (open.Count > 0) throw new DomainException($"Template file '{file}' has an '{{% if … %}}' without its '{{% endif %}}'.");
        if (keep) output.Append(text, at, text.Length - at);
        return output.ToString();
    }

    /// <summary>Every name a section of <paramref name="text"/> depends on.</summary>
    public static IEnumerable<string> Names(string text) =>
        TagRegex().Matches(text).Where(m => m.Groups["name"].Success).Select(m => m.Groups["name"].Value);

    private static string Word(Match tag) => tag.Groups["else"].Success ? "else" : "endif";

    // A tag alone on its line (only blanks around it) spans the line; any other tag spans itself.
    private static bool WholeLine(Match tag) => tag.Groups["lead"].Success && tag.Groups["trail"].Success;
    private static int Start(Match tag) => WholeLine(tag) ? tag.Index : tag.Groups["tag"].Index;
    private static int End(Match tag) => WholeLine(tag) ? tag.Index + tag.Length : tag.Groups["tag"].Index + tag.Groups["tag"].Length;

    [GeneratedRegex(@"(?<lead>^[ \t]*)?(?<tag>\{%[ \t]*(?:if[ \t]+(?<name>[a-z_][a-z0-9_]*)|(?<else>else)|(?<endif>endif))[ \t]*%\})(?<trail>[ \t]*(?:\r?\n|\z))?",
        RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
