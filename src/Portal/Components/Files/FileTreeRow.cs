namespace Platform.Portal.Components.Files;

/// <summary>One line of a file tree: a folder (no <see cref="Path"/>) or a file, indented by <see cref="Depth"/>.</summary>
public sealed record FileTreeRow(int Depth, string Name, string? Path)
{
    public bool IsFolder => Path is null;

    /// <summary>Folders first at every level, then files, each sorted by name.</summary>
    public static IReadOnlyList<FileTreeRow> From(IEnumerable<string> paths)
    {
        var rows = new List<FileTreeRow>();
        AddLevel(rows, paths.Select(p => (Full: p, Parts: p.Split('/'))).ToList(), 0);
        return rows;
    }

    private static void AddLevel(List<FileTreeRow> rows, List<(string Full, string[] Parts)> entries, int depth)
    {
        var folders = entries.Where(e => e.Parts.Length > depth + 1).GroupBy(e => e.Parts[depth], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            rows.Add(new FileTreeRow(depth, folder.Key, null));
            AddLevel(rows, folder.ToList(), depth + 1);
        }
        foreach (var file in entries.Where(e => e.Parts.Length == depth + 1).OrderBy(e => e.Parts[depth], StringComparer.Ordinal))
            rows.Add(new FileTreeRow(depth, file.Parts[depth], file.Full));
    }
}
