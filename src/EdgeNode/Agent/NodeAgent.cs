using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.EdgeNode.Configuration;
using Platform.EdgeNode.ControlPlane;
using Platform.EdgeRuntime.Metrics;

namespace Platform.EdgeNode.Agent;

/// <summary>
/// Enrols the node, watches its desired state (long polls that the control plane answers at a change), converges, and heartbeats at least every
/// HeartbeatIntervalMs, each heartbeat carrying the cumulative per-version metrics. While the control plane is unreachable the node keeps serving its last
/// state and retries with exponential backoff and jitter (<see cref="RetryBackoff"/>: never at once, never in step with the rest of the fleet),
/// logging the first failure, every tenth and the recovery; a rejected node token (401) triggers re-enrolment. The node token is kept in the
/// data folder (<see cref="NodeIdentityStore"/>): a restarted node enrols again with it, as an enrolled name requires.
/// </summary>
public sealed class NodeAgent(
    ControlPlaneClient client,
    DesiredStateReconciler reconciler,
    NodeStatus status,
    NodeIdentityStore identity,
    EdgeMetrics metrics,
    IOptions<NodeOptions> node,
    IOptions<ControlPlaneOptions> controlPlane,
    ILogger<NodeAgent> logger) : BackgroundService
{
    private readonly SemaphoreSlim _statusChanged = new(0, 1);
    private volatile NodeSession? _session;
    private string? _lastRevision;
    // The whole state last received (applied or not): what the control plane's deltas apply to.
    private NodeDesiredStateDto? _held;
    private readonly HeartbeatDeltas _heartbeats = new();
    // The session the last heartbeats went to: a new one (enrolled again) starts from a whole heartbeat.
    private NodeSession? _reported;

    /// <summary>The node's identity once enrolled; null before enrolment or after its token was rejected.</summary>
    public Guid? NodeId => _session?.NodeId;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PollLoopAsync(stoppingToken), HeartbeatLoopAsync(stoppingToken));

    private async Task PollLoopAsync(CancellationToken ct)
    {
        var options = controlPlane.Value;
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(Math.Clamp(options.PollIntervalMs, 100, 1000)), TimeSpan.FromMilliseconds(options.MaxBackoffMs));
        var delay = TimeSpan.FromMilliseconds(options.PollIntervalMs);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var session = _session ?? await EnrolAsync(ct);
                // Watch from the revision applied last: the control plane answers when it changes.
                var asked = Stopwatch.GetTimestamp();
                var watched = _lastRevision;
                var received = await client.GetDesiredStateAsync(session.NodeId, session.Token, ct, watched, options.WatchSeconds, _held?.Revision);
                if (backoff.Failures > 0)
                {
                    logger.LogInformation("Control plane reachable again after {Failures} failed attempts", backoff.Failures);
                    backoff.Reset();
                }
                if (received.ApplyTo(_held) is not { } desired)
                {
                    // A delta against a state this node does not hold: ask for the whole state at once.
                    logger.LogWarning("The control plane sent changes since revision {Base}, which this node does not hold; asking for the whole state",
                        received.BaseRevision);
                    _held = null;
                    _lastRevision = null;
                    continue;
                }
                _held = desired;
                var changed = await reconciler.ApplyAsync(desired, (digest, token) => client.DownloadBlobAsync(digest, session.Token, token), ct);
                if (changed && _statusChanged.CurrentCount == 0)
                {
                    _statusChanged.Release(); // only this loop releases, so this cannot overflow
                }
                _lastRevision = status.Current.AppliedRevision == desired.Revision ? desired.Revision : null;
                // Watch again at once after a change or a full wait; a control plane that answered an unchanged
                // state early does not watch, so this node polls it.
                var waitedFully = Stopwatch.GetElapsedTime(asked) >= TimeSpan.FromSeconds(options.WatchSeconds * 0.8);
                delay = options.WatchSeconds > 0 && _lastRevision is not null && (desired.Revision != watched || waitedFully)
                    ? TimeSpan.Zero
                    : TimeSpan.FromMilliseconds(options.PollIntervalMs);
            }
            catch (NodeTokenRejectedException ex)
            {
                logger.LogWarning("{Reason}; enrolling again", ex.Message);
                _session = null;
                _lastRevision = null;
                _held = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidDataException
                                       || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                delay = backoff.Next();
                var level = backoff.Failures % 10 == 1 ? LogLevel.Warning : LogLevel.Debug;
                logger.Log(level, "Control plane unavailable ({Error}, {Failures} failed attempts in a row); serving the last state, retrying in {Delay:F0} ms",
                    ex.Message, backoff.Failures, delay.TotalMilliseconds);
            }
            if (delay > TimeSpan.Zero) await Task.Delay(delay, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken ct)
    {
        var interval = TimeSpan.FromMilliseconds(controlPlane.Value.HeartbeatIntervalMs);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _statusChanged.WaitAsync(interval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var session = _session;
            if (session is null)
            {
                continue;
            }
            try
            {
                if (!ReferenceEquals(session, _reported))
                {
                    _heartbeats.Reset();
                    _reported = session;
                }
                var report = status.Current;
                var counters = metrics.Snapshot();
                var heartbeat = _heartbeats.Next(report, counters);
                await client.HeartbeatAsync(session.NodeId, session.Token, heartbeat, ct);
                _heartbeats.Accept(heartbeat, report, counters);
            }
            catch (NodeTokenRejectedException)
            {
                _session = null;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                logger.LogDebug("Heartbeat failed: {Error}", ex.Message);
            }
        }
    }

    private async Task<NodeSession> EnrolAsync(CancellationToken ct)
    {
        var options = node.Value;
        // An enrolled name enrols again only with its current node token: the one saved at the last enrolment.
        var saved = identity.Load();
        var request = new EnrolNodeRequest(options.Name, options.Region, options.PublicUrl, options.Labels, saved?.Token,
            string.IsNullOrEmpty(options.ServiceDomain) ? null : options.ServiceDomain);
        var response = await client.EnrolAsync(request, controlPlane.Value.EnrolmentToken, ct);
        identity.Save(response.NodeId, response.NodeToken);
        var region = response.Region ?? response.ClaimedRegion ?? options.Region;
        logger.LogInformation("Enrolled as {NodeName} ({NodeId}) in {Region}", options.Name, response.NodeId, region);
        if (response.ClaimedRegion is not null)
        {
            // A new node's region and labels are a claim until a platform admin accepts them: until then it gets only what every node gets.
            logger.LogWarning("This node's region {Region} and labels {Labels} await a platform admin's acceptance (portal: Nodes → Accept; "
                + "CLI: platform node-accept {NodeName}); until then only services placed on every node come here",
                response.ClaimedRegion, response.ClaimedLabels is { Count: > 0 } claimed ? Format(claimed) : "none", options.Name);
        }
        else if (response.Labels is { } held && (region != options.Region || !SameLabels(held, options.Labels)))
        {
            // Once enrolled, a node's region and labels are the platform admins' to change (they decide what it receives).
            logger.LogWarning("The platform holds region {Region} and labels {Labels} for this node, not the configured {ConfiguredRegion} {ConfiguredLabels}: "
                + "a platform admin changes them (portal: Nodes; CLI: platform node-labels)", region, Format(held), options.Region, Format(options.Labels));
        }
        var session = new NodeSession(response.NodeId, response.NodeToken);
        _session = session;
        return session;
    }

    private static bool SameLabels(IReadOnlyDictionary<string, string> held, IReadOnlyDictionary<string, string> configured) =>
        Format(held) == Format(configured);

    private static string Format(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private sealed record NodeSession(Guid NodeId, string Token);

    public override void Dispose()
    {
        _statusChanged.Dispose();
        base.Dispose();
    }
}
