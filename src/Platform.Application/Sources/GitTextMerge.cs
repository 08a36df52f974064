using System.Text;

namespace Platform.Application.Sources;

/// <summary>Three-way merge (<c>git merge-file</c>) and unified diffs (<c>git diff --no-index</c>) of single texts.</summary>
public sealed class GitTextMerge(GitProcess git)
{
    /// <summary>Merges the change base → theirs into ours; null when the two changes conflict.</summary>
    public async Task<string?> MergeAsync(string ours, string @base, string theirs, CancellationToken ct)
    {
        using var folder = new ScratchFolder();
        await folder.WriteAsync("ours", ours, ct);
        await folder.WriteAsync("base", @base, ct);
        await folder.WriteAsync("theirs", theirs, ct);
        var result = await git.RunAsync(folder.Path, ["merge-file", "-p", "ours", "base", "theirs"], ct: ct);
        if (result.ExitCode is < 0 or > 127) throw new GitException($"git merge-file failed: {result.Error.Trim()}");
        return result.ExitCode == 0 ? result.Text : null;
    }

    /// <summary>A unified diff of one file; null text stands for "absent" (an added or removed file).</summary>
    public async Task<string> DiffAsync(string path, string? before, string? after, CancellationToken ct)
    {
        using var folder = new ScratchFolder();
        var left = before is null ? "/dev/null" : await folder.WriteAsync("before", before, ct);
        var right = after is null ? "/dev/null" : await folder.WriteAsync("after", after, ct);
        var result = await git.RunAsync(folder.Path, ["diff", "--no-index", "--no-color", "--text", "-U3", "--", left, right], ct: ct);
        if (result.ExitCode > 1) throw new GitException($"git diff failed: {result.Error.Trim()}");
        var text = result.Text;
        var hunks = text.IndexOf("\n@@", StringComparison.Ordinal);
        var body = hunks < 0 ? "" : text[(hunks + 1)..];
        var header = new StringBuilder()
            .Append("--- ").Append(before is null ? "/dev/null" : "a/" + path).Append('\n')
            .Append("+++ ").Append(after is null ? "/dev/null" : "b/" + path).Append('\n');
        return header.Append(body).ToString();
    }

    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("platform-merge-").FullName;

        public async Task<string> WriteAsync(string name, string content, CancellationToken ct)
        {
            var file = System.IO.Path.Combine(Path, name);
            await File.WriteAllTextAsync(file, content, ct);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
