using System.Diagnostics;

namespace Platform.Deployer.Builds;

/// <summary>Runs a build command, streaming every output line, and kills the whole process tree on timeout.</summary>
public static class ProcessRunner
{
    public static async Task<int> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, Action<string> onLine, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (ct.IsCancellationRequested) throw;
            throw new TimeoutException($"The build ran longer than {timeout.TotalSeconds:0} s and was stopped.");
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        return process.ExitCode;
    }
}
