using System.Diagnostics;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>One real platform process (API, Deployer, portal, edge node) with its output in a log file.</summary>
public sealed class PlatformProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public PlatformProcess(string name, string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Name = name;
        LogPath = Path.Combine(logDirectory, $"{name}.log");
        // Appended to: a process started again (PlatformStack.Restart) keeps what it logged before.
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process as a crash would: no graceful shutdown.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            try { _log.WriteLine(line); }
            catch (ObjectDisposedException) { }
        }
    }
}
