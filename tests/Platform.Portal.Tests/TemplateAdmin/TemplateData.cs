using Platform.Contracts.Services;
using Platform.Contracts.Templates;

namespace Platform.Portal.Tests.TemplateAdmin;

/// <summary>A template "word-c" owned by team payments, as the API describes it.</summary>
internal static class TemplateData
{
    public static readonly DateTimeOffset At = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public static readonly TemplateParameterDto Word = new("word", "Word", "string", true, "^[a-z]+$", "Lower-case letters only.", [], "hello", "What it says.", 20);

    public static readonly IReadOnlyList<FileDto> Files =
    [
        new("platform.toml", "name = \"{{ service_name }}\"\nroute = \"{{ route }}\"\n"),
        new("src/main.c", "const char *word = \"{{ word }}\";\n"),
    ];

    public static TemplateDto Template(params (string Version, string Status)[] versions) =>
        new("word-c", "Word in C", "Says a word.", "payments", "c", ["demo"],
            versions.FirstOrDefault(v => v.Status == "vetted").Version ?? "", "component",
            versions.Select(v => new TemplateVersionSummaryDto(v.Version, v.Status, "c-component", "component", At)).ToList());

    public static TemplateVersionDto Version(string version, string status) =>
        new("word-c", version, "c-component", "component", status, true, [Word], Files.Select(f => f.Path).ToList(), At,
            status == "draft" ? null : "user:admin", status == "draft" ? null : At);
}
