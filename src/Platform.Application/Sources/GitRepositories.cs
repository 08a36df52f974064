using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Domain;

namespace Platform.Application.Sources;

/// <summary>
/// The bare repositories, one per service, in <see cref="GitOptions.RepositoriesPath"/>. A repository's
/// folder is derived from the service name only after the name passed <see cref="Slug"/>, so no request can
/// point outside the root or at another service's repository.
/// </summary>
public sealed class GitRepositories(GitProcess git, GitCommitWriter commits, IOptions<GitOptions> options, ILogger<GitRepositories> logger)
{
    public const string MainRef = "refs/heads/main";

    public string Root => Path.GetFullPath(options.Value.RepositoriesPath);

    /// <summary>
    /// Receive settings of every repository. Pushed objects are fsck'ed (malformed objects, <c>.git</c> entries and the
    /// like are refused by git itself); <c>.</c> and <c>..</c> tree entries are left to the pre-receive hook, which refuses
    /// them too but names the path (git's fsck names only the object).
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> Settings { get; } =
    [
        ("http.receivepack", "true"), ("receive.denyNonFastForwards", "true"), ("receive.denyDeletes", "true"),
        ("receive.fsckObjects", "true"), ("receive.fsck.hasDot", "warn"), ("receive.fsck.hasDotdot", "warn"),
    ];

    public string PathOf(string service) =>
        Slug.IsValid(service) ? Path.Combine(Root, service + ".git") : throw new ArgumentException($"'{service}' is not a service name.", nameof(service));

    public bool Exists(string service) => Directory.Exists(PathOf(service));

    /// <summary>
    /// Creates the service's repository with <paramref name="files"/> as the first commit on main and returns
    /// its sha. The repository is prepared under a temporary name and moved into place at the end, so a
    /// half-made repository is never served; a folder left by a create that failed later is replaced.
    /// </summary>
    public async Task<string> CreateAsync(string service, IReadOnlyDictionary<string, string> files, CommitAuthor author, string message,
        DateTimeOffset when, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var target = PathOf(service);
        var staging = Path.Combine(Root, $".{service}.{Guid.NewGuid():N}.tmp");
        try
        {
            (await git.RunAsync(Root, ["init", "--bare", "--quiet", "--initial-branch=main", staging], ct: ct)).EnsureSuccess("git init");
            await ConfigureAsync(staging, ct);
            var changes = files.Select(f => new GitFileChange(f.Key, f.Value)).ToList();
            var sha = await commits.CommitAsync(staging, null, changes, author, message, when, ct);
            if (Directory.Exists(target))
            {
                logger.LogWarning("Replacing the repository folder {Path}, left behind by a service create that did not complete", target);
                Directory.Delete(target, recursive: true);
            }
            Directory.Move(staging, target);
            return sha;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Removes a repository whose service was not saved after all.</summary>
    public void Delete(string service)
    {
        if (Exists(service)) Directory.Delete(PathOf(service), recursive: true);
    }

    /// <summary>Settings and hook every repository carries; re-applied whenever a repository is served, so older ones catch up.</summary>
    public async Task ConfigureAsync(string repositoryPath, CancellationToken ct)
    {
        RemoveStaleLocks(repositoryPath);
        foreach (var (key, value) in Settings)
            (await git.RunAsync(repositoryPath, ["config", key, value], ct: ct)).EnsureSuccess("git config");
        var hook = Path.Combine(repositoryPath, "hooks", "pre-receive");
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        if (!File.Exists(hook) || await File.ReadAllTextAsync(hook, ct) != PreReceiveHook.Script)
        {
            await File.WriteAllTextAsync(hook, PreReceiveHook.Script, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>
    /// Ref lock files older than twice the longest a git request may run belong to a git that was killed; left in
    /// place they would refuse every later push to that ref.
    /// </summary>
    private void RemoveStaleLocks(string repositoryPath)
    {
        var cutoff = DateTime.UtcNow - 2 * options.Value.RequestTimeout;
        var refs = Path.Combine(repositoryPath, "refs");
        var candidates = (Directory.Exists(refs) ? Directory.EnumerateFiles(refs, "*.lock", SearchOption.AllDirectories) : [])
            .Concat(new[] { "packed-refs.lock", "HEAD.lock", "config.lock" }.Select(name => Path.Combine(repositoryPath, name)).Where(File.Exists));
        foreach (var stale in candidates.Where(file => File.GetLastWriteTimeUtc(file) < cutoff).ToList())
        {
            logger.LogWarning("Removing the stale git lock {Lock}", stale);
            File.Delete(stale);
        }
    }

    /// <summary>The commit main points at, or null when the repository has none.</summary>
    public async Task<string?> MainAsync(string service, CancellationToken ct)
    {
        var result = await git.RunAsync(PathOf(service), ["rev-parse", "--verify", "--quiet", MainRef + "^{commit}"], ct: ct);
        return result.ExitCode == 0 ? result.Text.Trim() : null;
    }

    /// <summary>
    /// Moves main back from <paramref name="from"/> to <paramref name="to"/> — only if main is still at
    /// <paramref name="from"/> — after a platform commit whose recording failed.
    /// </summary>
    public async Task<bool> RewindMainAsync(string service, string from, string to, CancellationToken ct) =>
        (await git.RunAsync(PathOf(service), ["update-ref", "-m", "platform: undo unrecorded commit", MainRef, to, from], ct: ct)).ExitCode == 0;

    /// <summary>Message and author of a commit.</summary>
    public async Task<(string Message, string Author)> DescribeAsync(string service, string sha, CancellationToken ct)
    {
        var result = (await git.RunAsync(PathOf(service), ["show", "-s", "--format=%an%x00%B", sha], ct: ct)).EnsureSuccess("git show");
        var parts = result.Text.Split('\0', 2);
        return (parts.Length > 1 ? parts[1].Trim() : "", parts[0].Trim());
    }
}
