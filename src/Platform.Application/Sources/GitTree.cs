namespace Platform.Application.Sources;

/// <summary>The text files of a commit, and the paths left out (binary, too large, links, submodules).</summary>
public sealed record GitTree(IReadOnlyDictionary<string, GitTreeFile> Files, IReadOnlyList<string> Skipped)
{
    public Dictionary<string, string> Contents() => Files.ToDictionary(f => f.Key, f => f.Value.Content, StringComparer.Ordinal);
}
