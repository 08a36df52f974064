using System.Diagnostics;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// The git command line as a developer would use it, in a scratch folder with its own HOME (no user or system
/// configuration leaks in), never prompting.
/// </summary>
public sealed class GitCli : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("platform-git-test-").FullName;

    /// <summary>The working copy a clone lands in.</summary>
    public string WorkTree => Path.Combine(Folder, "work");

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => await RunInAsync(Directory.Exists(WorkTree) ? WorkTree : Folder, arguments);

    public async Task<string> RunOkAsync(params string[] arguments)
    {
        var (code, output) = await RunAsync(arguments);
        Assert.True(code == 0, $"git {string.Join(' ', arguments)} failed ({code}):\n{output}");
        return output;
    }

    public Task<(int ExitCode, string Output)> CloneAsync(string url) => RunInAsync(Folder, "clone", url, WorkTree);

    /// <summary>Writes a file of the working copy, commits everything and returns the new commit's sha.</summary>
    public async Task<string> CommitAsync(string path, string content, string message)
    {
        var file = Path.Combine(WorkTree, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, content);
        await RunOkAsync("add", "--all");
        await RunOkAsync("commit", "--quiet", "-m", message);
        return (await RunOkAsync("rev-parse", "HEAD")).Trim();
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(WorkTree, path));

    /// <summary>Runs a plumbing command that reads <paramref name="input"/> on stdin (mktree, hash-object --stdin) and returns its output.</summary>
    public async Task<string> PipeOkAsync(string input, params string[] arguments)
    {
        var (code, output) = await RunInAsync(WorkTree, arguments, input);
        Assert.True(code == 0, $"git {string.Join(' ', arguments)} failed ({code}):\n{output}");
        return output.Trim();
    }

    private Task<(int ExitCode, string Output)> RunInAsync(string directory, params string[] arguments) => RunInAsync(directory, arguments, null);

    private async Task<(int ExitCode, string Output)> RunInAsync(string directory, string[] arguments, string? input)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null,
        };
        foreach (var argument in new[] { "-c", "user.name=Test Developer", "-c", "user.email=dev@example.com", "-c", "init.defaultBranch=main" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["HOME"] = Folder;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "";
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
