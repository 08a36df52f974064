using System.Globalization;
using System.Text;
using Platform.Domain.Services;

namespace Platform.Application.Sources;

/// <summary>
/// Reads the text files of a commit (one <c>git ls-tree</c>, one <c>git cat-file --batch</c>). Binary files
/// (a NUL byte or invalid UTF-8), files above <see cref="SourceLimits.MaxFileBytes"/>, symbolic links and
/// submodules are left out and named in <see cref="GitTree.Skipped"/>.
/// </summary>
public sealed class GitTreeReader(GitProcess git)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<GitTree> ReadAsync(string repositoryPath, string commitSha, CancellationToken ct)
    {
        var listing = (await git.RunAsync(repositoryPath, ["ls-tree", "-r", "-l", "-z", "--full-tree", commitSha], ct: ct)).EnsureSuccess("git ls-tree");
        var wanted = new List<(string Path, string Mode, string Object)>();
        var skipped = new List<string>();
        foreach (var entry in listing.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t', StringComparison.Ordinal);
            var fields = entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = entry[(tab + 1)..];
            var isFile = fields[1] == "blob" && fields[0] is "100644" or "100755";
            if (!isFile || long.Parse(fields[3], CultureInfo.InvariantCulture) > SourceLimits.MaxFileBytes || wanted.Count >= SourceLimits.MaxFiles)
                skipped.Add(path);
            else
                wanted.Add((path, fields[0], fields[2]));
        }

        var files = new SortedDictionary<string, GitTreeFile>(StringComparer.Ordinal);
        if (wanted.Count == 0) return new GitTree(files, skipped);
        var request = Encoding.UTF8.GetBytes(string.Join('\n', wanted.Select(w => w.Object)) + "\n");
        var batch = (await git.RunAsync(repositoryPath, ["cat-file", "--batch"], request, ct: ct)).EnsureSuccess("git cat-file").Output;
        var offset = 0;
        long total = 0;
        foreach (var (path, mode, _) in wanted)
        {
            var headerEnd = Array.IndexOf(batch, (byte)'\n', offset);
            var header = Encoding.ASCII.GetString(batch, offset, headerEnd - offset).Split(' ');
            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            var content = new ReadOnlySpan<byte>(batch, headerEnd + 1, size);
            offset = headerEnd + 1 + size + 1;
            if (total + size > SourceLimits.MaxTotalBytes || content.Contains((byte)0) || !TryDecode(content, out var text))
            {
                skipped.Add(path);
                continue;
            }
            total += size;
            files[path] = new GitTreeFile(text, mode);
        }
        return new GitTree(files, skipped);
    }

    private static bool TryDecode(ReadOnlySpan<byte> content, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
