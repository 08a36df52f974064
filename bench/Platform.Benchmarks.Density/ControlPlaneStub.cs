using Platform.Contracts.Nodes;

namespace Platform.Benchmarks.Density;

/// <summary>
/// The node API of the control plane, reduced to what one node needs to converge: enrolment, a fixed desired state of many
/// services, blobs by digest and heartbeats (the latest kept, applied to the one before when partial, as the API does).
/// </summary>
internal sealed class ControlPlaneStub : IAsyncDisposable
{
    public const string EnrolmentToken = "density-bench";
    private const string NodeToken = "density-node";

    private readonly WebApplication _app;
    private volatile NodeHeartbeatRequest? _last;

    /// <param name="blob">The bytes of a digest (made on demand: ten thousand components are not kept in memory here).</param>
    public ControlPlaneStub(NodeDesiredStateDto desired, Func<string, byte[]?> blob)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/v1/nodes/enrol", () => Results.Ok(new EnrolNodeResponse(desired.NodeId, NodeToken)));
        // A long poll as the API's: a node holding the revision waits (nothing changes here) instead of applying it again.
        _app.MapGet("/api/v1/nodes/{id:guid}/desired-state", async (string? after, int? waitSeconds, CancellationToken ct) =>
        {
            if (after == desired.Revision && waitSeconds is > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(waitSeconds.Value, 25)), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            return Results.Ok(desired);
        });
        _app.MapGet("/api/v1/blobs/{digest}", (string digest) => blob(digest) is { } bytes ? Results.Bytes(bytes, "application/wasm") : Results.NotFound());
        _app.MapPost("/api/v1/nodes/{id:guid}/heartbeat", (NodeHeartbeatRequest heartbeat) =>
        {
            var before = _last;
            _last = heartbeat.Partial && before is not null
                ? heartbeat with { Ready = heartbeat.Ready ?? before.Ready, Failed = heartbeat.Failed ?? before.Failed, Partial = false }
                : heartbeat;
            return Results.NoContent();
        });
    }

    public string Url => _app.Urls.First();

    public NodeHeartbeatRequest? LastHeartbeat => _last;

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
