using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Platform.Application.Sources;

/// <summary>
/// Runs the git CLI with an argument list (never a shell), optional stdin, a time limit (the whole process
/// tree is killed when it passes) and no terminal prompts.
/// </summary>
public sealed class GitProcess(IOptions<GitOptions> options)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    public string GitPath => options.Value.GitPath;

    public async Task<GitResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, byte[]? input = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var process = new Process { StartInfo = StartInfo(workingDirectory, arguments, environment) };
        process.Start();
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output, CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            if (input is not null)
            {
                try { await process.StandardInput.BaseStream.WriteAsync(input, limit.Token); }
                catch (IOException) { /* git stopped reading; its exit code tells why */ }
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(limit.Token);
            await Task.WhenAll(reading, error);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (ct.IsCancellationRequested) throw;
            throw new GitException($"git {(arguments.Count > 0 ? arguments[0] : "")} took longer than {(timeout ?? DefaultTimeout).TotalSeconds:0} s and was stopped.");
        }
        return new GitResult(process.ExitCode, output.ToArray(), await error);
    }

    /// <summary>Start settings shared with the HTTP backend: stdin/stdout/stderr redirected, prompts off.</summary>
    public ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(GitPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment) start.Environment[key] = value;
        }
        return start;
    }

    public static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
    }
}
