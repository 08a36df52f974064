using Platform.Contracts.Services;
using Platform.Contracts.Templates;

namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>
/// The publish form's model: a new immutable template version, usually an edited copy of an existing one.
/// The manifest (<see cref="ManifestPath"/>) is edited on its own as the manifest defaults every service starts with.
/// </summary>
public sealed class VersionDraft
{
    public const string ManifestPath = "platform.toml";

    public string Version { get; set; } = "";
    public string Toolchain { get; set; } = "";
    public string Executor { get; set; } = "";
    public bool DeployOnCreate { get; set; } = true;
    public string Manifest { get; set; } = "";
    public List<ParameterDraft> Parameters { get; } = [];

    /// <summary>Every file but the manifest.</summary>
    public List<FileDraft> Files { get; } = [];

    /// <summary>A copy of <paramref name="source"/> and its files, to be changed and published under a new version.</summary>
    public static VersionDraft CopyOf(TemplateVersionDto source, IEnumerable<FileDto> files, string version)
    {
        var draft = new VersionDraft { Version = version, Toolchain = source.Toolchain, Executor = source.Executor, DeployOnCreate = source.DeployOnCreate };
        draft.Parameters.AddRange(source.Parameters.Select(ParameterDraft.From));
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (file.Path == ManifestPath) draft.Manifest = file.Content;
            else draft.Files.Add(new FileDraft { Path = file.Path, Content = file.Content });
        }
        return draft;
    }

    /// <summary>
    /// The request the API checks. Files keep the paths as typed (the API names bad ones); when two rows share a path
    /// the later one wins, as it would in a directory.
    /// </summary>
    public PublishTemplateVersionRequest ToRequest()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { [ManifestPath] = Manifest };
        foreach (var file in Files) files[file.Path.Trim()] = file.Content;
        return new PublishTemplateVersionRequest(Version.Trim(), Toolchain, Executor, Parameters.Select(p => p.ToDto()).ToList(), files, DeployOnCreate);
    }

    /// <summary>The next minor version after the highest of <paramref name="versions"/> ("1.0.0" when there is none).</summary>
    public static string NextMinor(IEnumerable<string> versions)
    {
        var highest = versions.Select(Parse).Where(v => v is not null).Max();
        return highest is { } v ? $"{v.Major}.{v.Minor + 1}.0" : "1.0.0";
    }

    private static System.Version? Parse(string version)
    {
        var core = version.Split('-', '+')[0];
        return System.Version.TryParse(core, out var parsed) && parsed.Build >= 0 ? parsed : null;
    }
}
