using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeNode.Events;

/// <summary>
/// Follows the routing table: every trigger of a version taking traffic on this node gets a <see cref="TriggerConsumer"/>
/// (the stable version's settings: the first version taking traffic, as the desired state lists stable first; not the largest
/// weight, which is the canary's beyond 50%; its ack wait from the longest deadline of those versions), one per
/// (service, topic, filter); a trigger no served version declares any more
/// is stopped; so is every replay into a version loaded here (<see cref="ReplayConsumer"/>). The dead-letter stream is created
/// when missing. A node without a broker
/// (<see cref="NodeBroker"/>) consumes nothing.
/// </summary>
public sealed partial class EventConsumers(RoutingTable table, GuestScheduler scheduler, NodeBroker broker, ILogger<EventConsumers> logger)
    : BackgroundService
{
    /// <summary>Dead letters are kept this long (a re-drive takes them back onto the topic).</summary>
    public static readonly TimeSpan DeadLetterRetention = TimeSpan.FromDays(14);

    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(5);

    private readonly NatsJSContext? _js = broker.Connection is { } connection ? new NatsJSContext(connection) : null;
    private readonly Dictionary<(string Service, string Topic, string? Filter), TriggerConsumer> _running = [];
    private readonly Dictionary<Guid, ReplayConsumer> _replays = [];
    private readonly SemaphoreSlim _changed = new(0);
    private bool _deadLettersReady;

    /// <summary>The triggers consumed on this node now, for /healthz and tests.</summary>
    public IReadOnlyList<string> Consuming
    {
        get
        {
            lock (_running)
            {
                return _running.Keys.Select(k => $"{k.Service}:{k.Topic}{(k.Filter is null ? "" : ":" + k.Filter)}").Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_js is null)
        {
            return;
        }
        table.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ReconcileAsync(_js, stoppingToken);
                await _changed.WaitAsync(Resync, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            table.Changed -= OnChanged;
            List<IAsyncDisposable> all;
            lock (_running)
            {
                all = [.. _running.Values, .. _replays.Values];
                _running.Clear();
                _replays.Clear();
            }
            foreach (var consumer in all)
            {
                await consumer.DisposeAsync();
            }
        }
    }

    private void OnChanged() => _changed.Release();

    private async Task ReconcileAsync(NatsJSContext js, CancellationToken stop)
    {
        var wanted = new Dictionary<(string, string, string?), (TriggerDto Trigger, int DeadlineMs)>();
        foreach (var route in table.Routes)
        {
            foreach (var routed in route.Versions.Where(v => v.Weight > 0))
            {
                foreach (var trigger in routed.Loaded.Assignment.Triggers ?? [])
                {
                    // Stable's settings, but the longest deadline of the versions sharing the events: the ack wait must
                    // outlast a canary's run too, or JetStream redelivers an event its canary is still handling.
                    var key = (route.Service, trigger.Topic, trigger.Filter);
                    var deadline = routed.Loaded.Limits.DeadlineMs;
                    wanted[key] = wanted.TryGetValue(key, out var first) ? first with { DeadlineMs = Math.Max(first.DeadlineMs, deadline) } : (trigger, deadline);
                }
            }
        }
        if (wanted.Count > 0 && !_deadLettersReady)
        {
            _deadLettersReady = await EnsureDeadLetterStreamAsync(js, stop);
        }
        List<TriggerConsumer> stopped = [];
        lock (_running)
        {
            foreach (var (key, consumer) in _running.ToList())
            {
                if (!wanted.TryGetValue(key, out var want) || want.Trigger != consumer.Trigger || want.DeadlineMs != consumer.DeadlineMs)
                {
                    _running.Remove(key);
                    stopped.Add(consumer);
                }
            }
        }
        foreach (var consumer in stopped)
        {
            await consumer.DisposeAsync();
            LogStopped(logger, consumer.Service, consumer.Trigger.Topic);
        }
        lock (_running)
        {
            foreach (var (key, want) in wanted.Where(w => !_running.ContainsKey(w.Key)))
            {
                var consumer = new TriggerConsumer(key.Item1, want.Trigger, want.DeadlineMs, js, table, scheduler, logger);
                _running[key] = consumer;
                consumer.Start();
                LogStarted(logger, key.Item1, want.Trigger.Topic, want.Trigger.Filter ?? ">", want.Trigger.MaxInFlight);
            }
        }
        await ReconcileReplaysAsync(js);
    }

    /// <summary>Takes part in every replay into a version loaded here (<see cref="ReplayConsumer"/>); stops those that ended.</summary>
    private async Task ReconcileReplaysAsync(NatsJSContext js)
    {
        var wanted = new Dictionary<Guid, (string Service, string Version, ReplayAssignmentDto Replay, List<TriggerDto> Triggers)>();
        foreach (var route in table.Routes)
        {
            foreach (var loaded in route.Versions.Select(v => v.Loaded))
            {
                foreach (var replay in loaded.Assignment.Replays ?? [])
                {
                    // The dead letters of a topic are those of every trigger on it; a topic replay is its filter's trigger's.
                    var triggers = (loaded.Assignment.Triggers ?? [])
                        .Where(t => t.Topic == replay.Topic && (replay.Source == EventSubjects.ReplayFromDeadLetters || t.Filter == replay.Filter))
                        .ToList();
                    if (triggers.Count > 0)
                    {
                        wanted.TryAdd(replay.Id, (route.Service, loaded.Version, replay, triggers));
                    }
                }
            }
        }
        List<ReplayConsumer> ended = [];
        lock (_running)
        {
            foreach (var (id, consumer) in _replays.ToList())
            {
                if (!wanted.TryGetValue(id, out var want) || want.Version != consumer.Version || !want.Triggers.SequenceEqual(consumer.Triggers))
                {
                    _replays.Remove(id);
                    ended.Add(consumer);
                }
            }
            foreach (var (id, want) in wanted.Where(w => !_replays.ContainsKey(w.Key)))
            {
                var consumer = new ReplayConsumer(want.Service, want.Version, want.Replay, want.Triggers, js, table, scheduler, logger);
                _replays[id] = consumer;
                consumer.Start();
                LogReplayStarted(logger, want.Service, want.Replay.Source, want.Replay.Topic, want.Version, want.Replay.UntilSequence);
            }
        }
        foreach (var consumer in ended)
        {
            await consumer.DisposeAsync();
        }
    }

    private async Task<bool> EnsureDeadLetterStreamAsync(NatsJSContext js, CancellationToken stop)
    {
        try
        {
            await js.GetStreamAsync(EventSubjects.DeadLetterStream, cancellationToken: stop);
            return true;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
        }
        catch (NatsException ex)
        {
            LogDeadLetterStream(logger, ex.Message);
            return false;
        }
        try
        {
            await js.CreateStreamAsync(new StreamConfig(EventSubjects.DeadLetterStream, [EventSubjects.DeadLetterSubjects])
            {
                Storage = StreamConfigStorage.File,
                MaxAge = DeadLetterRetention,
                Description = "Events every attempt of a consumer failed on, with the last error",
            }, stop);
            return true;
        }
        catch (NatsJSApiException ex) when (ex.Error.ErrCode == 10058)
        {
            // Another node created it first.
            return true;
        }
        catch (NatsException ex)
        {
            LogDeadLetterStream(logger, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} consumes {Topic} ({Filter}), {MaxInFlight} at once")]
    private static partial void LogStarted(ILogger logger, string service, string topic, string filter, int maxInFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} replays ({Source}) {Topic} into {Version} up to sequence {Until}")]
    private static partial void LogReplayStarted(ILogger logger, string service, string source, string topic, string version, ulong until);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} no longer consumes {Topic} on this node")]
    private static partial void LogStopped(ILogger logger, string service, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dead-letter stream cannot be made ready now: {Reason}")]
    private static partial void LogDeadLetterStream(ILogger logger, string reason);
}
