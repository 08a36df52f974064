using System.Globalization;
using System.Text;
using Platform.Domain.Services;

namespace Platform.Application.Sources;

/// <summary>
/// Writes commits the platform makes itself (the first commit of a service, template updates) with
/// <c>git fast-import</c> onto a private ref, then moves main with a compare-and-swap
/// (<c>git update-ref main new expected-old</c>): if main moved in the meantime nothing changes.
/// </summary>
public sealed class GitCommitWriter(GitProcess git)
{
    public const string Committer = "Platform <platform@platform.local>";

    public async Task<string> CommitAsync(string repositoryPath, string? parentSha, IReadOnlyList<GitFileChange> changes, CommitAuthor author,
        string message, DateTimeOffset when, CancellationToken ct)
    {
        var staging = $"refs/platform/staging-{Guid.NewGuid():N}";
        var stream = Stream(staging, parentSha, changes, author, message, when);
        (await git.RunAsync(repositoryPath, ["fast-import", "--quiet", "--date-format=raw"], stream, ct: ct)).EnsureSuccess("git fast-import");
        try
        {
            var sha = (await git.RunAsync(repositoryPath, ["rev-parse", "--verify", staging], ct: ct)).EnsureSuccess("git rev-parse").Text.Trim();
            var moved = await git.RunAsync(repositoryPath, ["update-ref", "-m", "platform commit", GitRepositories.MainRef, sha, parentSha ?? ""], ct: ct);
            if (moved.ExitCode != 0) throw new ConflictException("The service repository's main branch changed at the same time; try again.");
            return sha;
        }
        finally
        {
            await git.RunAsync(repositoryPath, ["update-ref", "-d", staging], ct: CancellationToken.None);
        }
    }

    private static byte[] Stream(string reference, string? parentSha, IReadOnlyList<GitFileChange> changes, CommitAuthor author, string message, DateTimeOffset when)
    {
        var output = new MemoryStream();
        var seconds = when.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Line(output, $"commit {reference}");
        Line(output, $"author {Identity(author.Name)} <{Identity(author.Email)}> {seconds} +0000");
        Line(output, $"committer {Committer} {seconds} +0000");
        Data(output, message.EndsWith('\n') ? message : message + "\n");
        if (parentSha is not null) Line(output, $"from {parentSha}");
        foreach (var change in changes)
        {
            if (change.Content is null)
            {
                Line(output, $"D {Quote(change.Path)}");
                continue;
            }
            if (Encoding.UTF8.GetByteCount(change.Content) > SourceLimits.MaxFileBytes)
                throw new Platform.Domain.DomainException($"'{change.Path}' is larger than {SourceLimits.MaxFileBytes / 1024} KiB.", "files");
            Line(output, $"M {change.Mode} inline {Quote(change.Path)}");
            Data(output, change.Content);
        }
        Line(output, "");
        return output.ToArray();
    }

    private static void Line(Stream output, string line) => output.Write(Encoding.UTF8.GetBytes(line + "\n"));

    private static void Data(Stream output, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        Line(output, $"data {bytes.Length.ToString(CultureInfo.InvariantCulture)}");
        output.Write(bytes);
        Line(output, "");
    }

    /// <summary>fast-import's C-style quoting, so any path survives (spaces, quotes, non-ASCII).</summary>
    private static string Quote(string path)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in path)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when c < ' ' => $"\\{Convert.ToString(c, 8).PadLeft(3, '0')}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>Names and e-mails may not carry the characters that delimit them in a commit header.</summary>
    private static string Identity(string value) =>
        new(value.Where(c => c is not ('<' or '>' or '\n' or '\r' or '\0')).ToArray());
}
