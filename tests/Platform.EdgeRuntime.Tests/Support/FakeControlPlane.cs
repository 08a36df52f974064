using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Tests.Support;

/// <summary>The node API of the control plane on a loopback port, with state the test controls.</summary>
public sealed class FakeControlPlane : IAsyncDisposable
{
    public const string EnrolmentToken = "enrol-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();
    private volatile string _nodeToken = string.Empty;
    private volatile NodeDesiredStateDto _desired = new(Guid.Empty, "r0", []);

    public FakeControlPlane()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/v1/nodes/enrol", (HttpRequest request, EnrolNodeRequest body) =>
        {
            if (Bearer(request) != EnrolmentToken)
            {
                return Results.Unauthorized();
            }
            Interlocked.Increment(ref _enrolments);
            Enrolled.Enqueue(body);
            LastEnrolment = body;
            _nodeToken = "node-" + Guid.NewGuid().ToString("N");
            IssuedTokens.Enqueue(_nodeToken);
            return Results.Ok(new EnrolNodeResponse(NodeId, _nodeToken));
        });
        _app.MapGet("/api/v1/nodes/{id:guid}/desired-state", (HttpRequest request, Guid id) =>
        {
            if (!Authorized(request, id))
            {
                return Results.Unauthorized();
            }
            string? asked = request.Query["base"];
            BasesAsked.Enqueue(asked);
            return Results.Ok((Answer?.Invoke(asked) ?? _desired) with { NodeId = id });
        });
        _app.MapGet("/api/v1/blobs/{digest}", (HttpRequest request, string digest) =>
        {
            Interlocked.Increment(ref _blobsServed);
            return Bearer(request) != _nodeToken ? Results.Unauthorized()
                : _blobs.TryGetValue(digest, out var bytes) ? Results.Bytes(bytes, "application/wasm") : Results.NotFound();
        });
        _app.MapPost("/api/v1/nodes/{id:guid}/heartbeat", (HttpRequest request, Guid id, NodeHeartbeatRequest heartbeat) =>
        {
            if (!Authorized(request, id))
            {
                return Results.Unauthorized();
            }
            RawHeartbeats.Enqueue(heartbeat);
            Heartbeats.Enqueue(_whole = Whole(_whole, heartbeat));
            return Results.NoContent();
        });
    }

    private int _enrolments;

    public Guid NodeId { get; } = Guid.NewGuid();

    public int Enrolments => Volatile.Read(ref _enrolments);

    /// <summary>What the node said about itself when it last enrolled.</summary>
    public EnrolNodeRequest? LastEnrolment { get; private set; }

    /// <summary>Every heartbeat as the control plane keeps it: a partial one applied to the one before (what the API stores).</summary>
    public ConcurrentQueue<NodeHeartbeatRequest> Heartbeats { get; } = new();

    /// <summary>Every heartbeat as the node sent it (partial ones carry only what changed).</summary>
    public ConcurrentQueue<NodeHeartbeatRequest> RawHeartbeats { get; } = new();

    private NodeHeartbeatRequest? _whole;

    /// <summary>A partial heartbeat applied to the last whole view, as the API applies it.</summary>
    private static NodeHeartbeatRequest Whole(NodeHeartbeatRequest? before, NodeHeartbeatRequest heartbeat)
    {
        if (!heartbeat.Partial || before is null)
        {
            return heartbeat;
        }
        var reported = (heartbeat.Metrics ?? []).Select(m => (m.Service, m.Version, m.Role)).ToHashSet();
        var metrics = (before.Metrics ?? []).Where(m => !reported.Contains((m.Service, m.Version, m.Role))).Concat(heartbeat.Metrics ?? []).ToList();
        var ready = heartbeat.Ready ?? before.Ready;
        var failed = heartbeat.Failed ?? before.Failed;
        if (heartbeat.Changed is { } changed)
        {
            // The services named have all of their entries replaced; the lists stay in service order, as the node keeps them.
            var named = changed.Select(c => c.Service).ToHashSet(StringComparer.Ordinal);
            ready = (ready ?? []).Where(r => !named.Contains(r.Service)).Concat(changed.SelectMany(c => c.Ready))
                .OrderBy(r => r.Service, StringComparer.Ordinal).ToList();
            failed = (failed ?? []).Where(f => !named.Contains(f.Service)).Concat(changed.SelectMany(c => c.Failed))
                .OrderBy(f => f.Service, StringComparer.Ordinal).ToList();
        }
        return new NodeHeartbeatRequest(heartbeat.AppliedRevision, ready, failed, metrics);
    }

    /// <summary>Every enrolment request, in order (a node enrolling again sends its saved node token).</summary>
    public ConcurrentQueue<EnrolNodeRequest> Enrolled { get; } = new();

    /// <summary>Every node token handed out, in order.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public Task StartAsync() => _app.StartAsync();

    public void PutBlob(string digest, byte[] bytes) => _blobs[digest] = bytes;

    private int _blobsServed;

    /// <summary>How many blob downloads nodes asked for.</summary>
    public int BlobsServed => Volatile.Read(ref _blobsServed);

    public void SetDesiredState(string revision, params ServiceAssignmentDto[] services) =>
        _desired = new NodeDesiredStateDto(NodeId, revision, services, TopicSchemas: TopicSchemas);

    /// <summary>
    /// When set, answers a desired-state request given the <c>base</c> revision the node asked with (null: none); a null
    /// answer is the state <see cref="SetDesiredState"/> set. What a test of deltas plays the control plane with.
    /// </summary>
    public Func<string?, NodeDesiredStateDto?>? Answer { get; set; }

    /// <summary>The <c>base</c> of every desired-state request, in order (null when the node asked for the whole state).</summary>
    public ConcurrentQueue<string?> BasesAsked { get; } = new();

    /// <summary>The topic schemas the next desired state lists (as the control plane lists those of the topics placed versions publish to).</summary>
    public IReadOnlyList<TopicSchemaAssignmentDto>? TopicSchemas { get; set; }

    /// <summary>Invalidates the node token, as rotating or revoking it would.</summary>
    public void RevokeNodeToken() => _nodeToken = "revoked-" + Guid.NewGuid().ToString("N");

    /// <summary>Waits for a heartbeat matching the condition (the node converges asynchronously).</summary>
    public async Task<NodeHeartbeatRequest> WaitForHeartbeatAsync(Func<NodeHeartbeatRequest, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            var match = Heartbeats.LastOrDefault(condition);
            if (match is not null)
            {
                return match;
            }
            await Task.Delay(50, CancellationToken.None);
        }
        throw new TimeoutException($"No matching heartbeat within {timeout}; last: {System.Text.Json.JsonSerializer.Serialize(Heartbeats.LastOrDefault())}");
    }

    private bool Authorized(HttpRequest request, Guid id) => id == NodeId && Bearer(request) == _nodeToken;

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value[7..] : null;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
