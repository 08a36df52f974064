using Platform.Domain;
using Platform.Domain.Templates;
using Tomlyn;
using Tomlyn.Model;

namespace Platform.Application.Templates;

/// <summary>Reads a template folder. An <c>sdk</c> key copies the platform SDK of that language into the files.</summary>
public static class TemplateDefinitionReader
{
    public static TemplateDefinition Read(string folder, string sdkRoot)
    {
        var toml = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Path.Combine(folder, "template.toml")))!;
        var files = ReadTree(Path.Combine(folder, "files"), "");
        if (toml.TryGetValue("sdk", out var sdk) && sdk is string language)
        {
            foreach (var (path, content) in ReadTree(Path.Combine(sdkRoot, language), "platform/"))
                files[path] = content;
        }

        var parameters = toml.TryGetValue("parameters", out var p) && p is TomlTableArray array
            ? array.Select(ReadParameter).ToList()
            : [];
        return new TemplateDefinition(
            Name: Text(toml, "name"),
            Title: Text(toml, "title"),
            Description: Text(toml, "description"),
            OwnerTeam: Text(toml, "owner_team"),
            Language: Text(toml, "language"),
            Tags: toml.TryGetValue("tags", out var tags) && tags is TomlArray t ? t.OfType<string>().ToList() : [],
            Version: Text(toml, "version"),
            Toolchain: Text(toml, "toolchain"),
            Executor: Text(toml, "executor"),
            DeployOnCreate: !toml.TryGetValue("deploy_on_create", out var deploy) || deploy is true,
            Parameters: parameters,
            Files: files);
    }

    private static TemplateParameter ReadParameter(TomlTable table) => new()
    {
        Name = Text(table, "name"),
        Title = Text(table, "title"),
        Type = table.TryGetValue("type", out var type) ? Enum.Parse<ParameterType>((string)type, ignoreCase: true) : ParameterType.String,
        Required = table.TryGetValue("required", out var required) && required is true,
        Pattern = table.TryGetValue("pattern", out var pattern) ? (string)pattern : null,
        PatternHelp = table.TryGetValue("pattern_help", out var help) ? (string)help : null,
        Options = table.TryGetValue("options", out var options) && options is TomlArray o ? o.OfType<string>().ToList() : [],
        Default = table.TryGetValue("default", out var value) ? FormatDefault(value) : null,
        Help = table.TryGetValue("help", out var h) ? (string)h : null,
        MaxLength = table.TryGetValue("max_length", out var max) ? (int)(long)max : null,
    };

    private static string? FormatDefault(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> ReadTree(string root, string prefix) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
                file => prefix + Path.GetRelativePath(root, file).Replace('\\', '/'),
                File.ReadAllText,
                StringComparer.Ordinal)
            : throw new DomainException($"Template folder '{root}' does not exist.");

    private static string Text(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is string text
            ? text
            : throw new DomainException($"template.toml needs a string '{key}'.", key);
}
