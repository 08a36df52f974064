using Microsoft.Extensions.Logging;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution.Native;

namespace Platform.EdgeRuntime.Execution.Wagi;

/// <summary>
/// The WAGI executor: per request a fresh instance of the compiled module with its own WASI
/// configuration (request in the environment, body on stdin from memory, stdout and stderr
/// captured; no preopened directories, no network), then <c>_start</c>, through Wasmtime's C API
/// (<see cref="DirectWagiCall"/>). <c>proc_exit(0)</c> is success; stdout is parsed as CGI output.
/// </summary>
internal sealed class WagiExecutor(
    string service,
    DirectWagiCall call,
    VersionAssignmentDto assignment,
    WagiOptions options,
    ILogger guestLogger) : IGuestExecutor
{
    public const string StartFunction = "_start";

    public static ReadOnlySpan<byte> StartFunctionUtf8 => "_start"u8;

    private const int StderrLimit = 8 * 1024;

    /// <summary>WAGI modules answer HTTP only: a manifest with triggers is refused for them at publish time.</summary>
    public EdgeResponse Deliver(Events.EdgeEvent delivery, string requestId, ulong deadlineTicks) =>
        ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, "a WAGI module cannot handle events");

    public EdgeResponse Run(EdgeRequest request, string requestId, ulong deadlineTicks)
    {
        var stdout = new BoundedOutput(options.MaxOutputBytes);
        var stderr = new BoundedOutput(StderrLimit);
        int exitCode;
        try
        {
            exitCode = call.Run(service, WagiEnvironment.Build(request, assignment.Capabilities.Variables), request.Body, stdout, stderr,
                Math.Min(deadlineTicks, (ulong)Math.Max(1, assignment.Limits.DeadlineMs)));
        }
        finally
        {
            LogStderr(stderr, requestId);
        }
        if (exitCode != 0)
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, $"the module exited with code {exitCode}");
        }
        return stdout.Overflowed
            ? ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, $"WAGI output is larger than {stdout.Limit} bytes")
            : CgiOutput.Parse(stdout.ToArray(), requestId);
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
