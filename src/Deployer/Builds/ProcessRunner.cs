using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Platform.Deployer.Builds;

/// <summary>
/// Runs a build command with exactly the environment it is given, streaming every output line, and stops the
/// whole process tree when it runs past its wall time or writes more output than the log may hold.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Longest line kept; the rest of a longer line is dropped (it still counts toward the output limit).</summary>
    public const int MaxLineChars = 4096;

    /// <summary>How long the output of a process that has exited may take to drain (a leftover child can hold the pipes open).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public static async Task<ProcessOutcome> RunAsync(
        ProcessCommand command, Action<string> onLine, TimeSpan timeout, int maxOutputChars, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in command.Arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in command.Environment) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();

        using var overflow = new CancellationTokenSource();
        var budget = new OutputBudget(maxOutputChars, onLine, overflow);
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, budget), PumpAsync(process.StandardError, budget));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, overflow.Token);
        stop.CancelAfter(timeout);
        string? stoppedBecause = null;
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it exited on its own in the meantime
            }
            await process.WaitForExitAsync(CancellationToken.None);
            if (ct.IsCancellationRequested) throw;
            stoppedBecause = overflow.IsCancellationRequested
                ? string.Create(CultureInfo.InvariantCulture, $"The build wrote more than {maxOutputChars} characters of output and was stopped.")
                : string.Create(CultureInfo.InvariantCulture, $"The build ran longer than {timeout.TotalSeconds:0} s and was stopped.");
        }
        await Task.WhenAny(pumps, Task.Delay(DrainTimeout, CancellationToken.None));
        return new ProcessOutcome(process.ExitCode, stoppedBecause);
    }

    private static async Task PumpAsync(StreamReader reader, OutputBudget budget)
    {
        var buffer = new char[8192];
        var line = new StringBuilder();
        var cut = false;
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            if (!budget.Take(read)) continue; // keep draining so the process is never blocked on a full pipe
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (c == '\n')
                {
                    budget.Emit(cut ? line.Append(" …").ToString() : line.ToString());
                    line.Clear();
                    cut = false;
                }
                else if (c == '\r') { }
                else if (line.Length < MaxLineChars) line.Append(c);
                else cut = true;
            }
        }
        if (line.Length > 0) budget.Emit(line.ToString());
    }

    /// <summary>Counts the output of both streams; past the limit it says so once and asks the runner to stop.</summary>
    private sealed class OutputBudget(int max, Action<string> onLine, CancellationTokenSource overflow)
    {
        private readonly Lock _gate = new();
        private long _used;
        private bool _spent;

        public bool Take(int chars)
        {
            lock (_gate)
            {
                if (_spent) return false;
                _used += chars;
                if (_used <= max) return true;
                _spent = true;
            }
            onLine(string.Create(CultureInfo.InvariantCulture, $"… the output was cut here: the build wrote more than {max} characters."));
            overflow.Cancel();
            return false;
        }

        public void Emit(string line)
        {
            lock (_gate)
            {
                if (_spent) return;
            }
            onLine(line);
        }
    }
}
