using Microsoft.Extensions.Logging;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Wasmtime;

namespace Platform.EdgeRuntime.Execution.Wagi;

/// <summary>
/// The WAGI executor: per request a fresh instance of the compiled module in a store made with
/// its own WASI configuration (request in the environment, body on stdin through a temporary
/// file that is deleted afterwards, stdout and stderr captured; no preopened directories, no
/// network), then <c>_start</c>. <c>proc_exit(0)</c> is success; stdout is parsed as CGI output.
/// </summary>
internal sealed class WagiExecutor(
    string service,
    CompiledModule compiled,
    Linker linker,
    StoreFactory stores,
    VersionAssignmentDto assignment,
    WagiOptions options,
    ILogger guestLogger) : IGuestExecutor
{
    public const string StartFunction = "_start";
    private const int StderrLimit = 8 * 1024;

    public EdgeResponse Run(EdgeRequest request, string requestId, ulong deadlineTicks)
    {
        var stdout = new BoundedOutput(options.MaxOutputBytes);
        var stderr = new BoundedOutput(StderrLimit);
        var wasi = new WasiConfiguration()
            .WithArg(service)
            .WithEnvironmentVariables(WagiEnvironment.Build(request, assignment.Capabilities.Variables))
            .WithStandardOutputCallback(stdout.Write)
            .WithStandardErrorCallback(stderr.Write);
        string? stdin = null;
        try
        {
            if (request.Body.Length > 0)
            {
                stdin = WriteStdin(request.Body);
                wasi = wasi.WithStandardInput(stdin);
            }
            using var store = stores.Create(assignment.Limits, wasi);
            store.SetEpochDeadline(Math.Min(deadlineTicks, (ulong)Math.Max(1, assignment.Limits.DeadlineMs)));
            var instance = linker.Instantiate(store, compiled.Module);
            var start = instance.GetAction(StartFunction)
                ?? throw new WasmtimeException($"module does not export {StartFunction}");
            try
            {
                start();
            }
            catch (WasmtimeException ex) when (ex.ExitCode == 0)
            {
                // proc_exit(0): the module finished successfully.
            }
        }
        finally
        {
            if (stdin is not null)
            {
                File.Delete(stdin);
            }
            LogStderr(stderr, requestId);
        }
        return stdout.Overflowed
            ? ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, $"WAGI output is larger than {stdout.Limit} bytes")
            : CgiOutput.Parse(stdout.ToArray(), requestId);
    }

    /// <summary>The body in a file only this process can read; WASI stdin takes a path only.</summary>
    private string WriteStdin(byte[] body)
    {
        Directory.CreateDirectory(options.StdinDirectory);
        var path = Path.Combine(options.StdinDirectory, $"wagi-{Guid.NewGuid():N}.stdin");
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, file);
        stream.Write(body);
        return path;
    }

    private void LogStderr(BoundedOutput stderr, string requestId)
    {
        var bytes = stderr.ToArray();
        if (bytes.Length > 0)
        {
            guestLogger.LogInformation("{Service} {Version} request {RequestId} stderr: {Stderr}",
                service, assignment.Version, requestId, System.Text.Encoding.UTF8.GetString(bytes).TrimEnd());
        }
    }
}
