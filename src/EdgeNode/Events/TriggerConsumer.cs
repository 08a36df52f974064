using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeNode.Ingress;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Scheduling;

namespace Platform.EdgeNode.Events;

/// <summary>
/// One trigger of one service on this node: a loop per partition of the topic over that partition's durable consumer
/// (<see cref="EventSubjects.Durable"/>, shared by every node the service runs on, at most one event unacknowledged), so the
/// events of one key are handled one at a time and in order, whichever node takes them. Each event runs on the guest
/// scheduler like a request (fresh instance, deadline, memory cap, the service's fair share), at most
/// <see cref="TriggerDto.MaxInFlight"/> at once on this node, on the version its key's bucket falls on (a canary gets its
/// weight's share of the keys). Handled: acknowledged. Failed: delivered again after the trigger's backoff; after its last
/// attempt it is published to the dead letters with the error and terminated. A node that goes away with an event
/// unacknowledged loses nothing: JetStream hands it out again after the ack wait.
/// </summary>
internal sealed class TriggerConsumer : IAsyncDisposable
{
    /// <summary>How long an event may stay unacknowledged beyond its deadline before JetStream gives it to another node.</summary>
    public static readonly TimeSpan AckMargin = TimeSpan.FromSeconds(10);

    /// <summary>How long a trigger's consumers outlive the last version that declared it.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromDays(7);

    private static readonly TimeSpan NotServedDelay = TimeSpan.FromSeconds(1);

    private readonly NatsJSContext _js;
    private readonly RoutingTable _table;
    private readonly EventDelivery _delivery;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task[] _loops = [];

    public TriggerConsumer(string service, TriggerDto trigger, int deadlineMs, NatsJSContext js, RoutingTable table, GuestScheduler scheduler, ILogger logger)
    {
        Service = service;
        Trigger = trigger;
        DeadlineMs = deadlineMs;
        _js = js;
        _table = table;
        _delivery = new EventDelivery(service, trigger, js, scheduler, logger);
        _logger = logger;
    }

    public string Service { get; }

    public TriggerDto Trigger { get; }

    public int DeadlineMs { get; }

    public void Start() =>
        _loops = Enumerable.Range(0, EventSubjects.Partitions).Select(p => Task.Run(() => ConsumeAsync(p, _stop.Token))).ToArray();

    private Task ConsumeAsync(int partition, CancellationToken stop)
    {
        var config = new ConsumerConfig(EventSubjects.Durable(Service, Trigger.Topic, Trigger.Filter, partition))
        {
            FilterSubject = EventSubjects.Filter(Trigger.Topic, partition, Trigger.Filter),
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            // One unacknowledged event per partition across all nodes: the order of a key holds.
            MaxAckPending = 1,
            AckWait = TimeSpan.FromMilliseconds(DeadlineMs) + AckMargin,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            MaxDeliver = -1,
            // No node has read it for this long: no deployed version declares the trigger any more. JetStream deletes it; until
            // then a version declaring the trigger again (a rollback) resumes where it stopped.
            InactiveThreshold = Abandoned,
            Description = $"{Service} consuming {Trigger.Topic} (partition {partition})",
        };
        return ConsumerLoop.RunAsync($"{Service} {Trigger.Topic} partition {partition}",
            token => _js.CreateOrUpdateConsumerAsync(EventSubjects.Stream(Trigger.Topic), config, token),
            message => HandleAsync(message, stop), _logger, stop);
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, CancellationToken stop)
    {
        var key = message.Headers?.TryGetValue(EventSubjects.KeyHeader, out var k) == true ? k.ToString() : "";
        var attempt = (int)Math.Max(1, message.Metadata?.NumDelivered ?? 1);
        if ((_table.Find(Service) is { } route ? Choose(route, key, attempt) : null) is not { } version)
        {
            // Not (or no longer) served here: another node, or this one once it has loaded the version, takes it.
            await message.NakAsync(new AckOpts { NakDelay = NotServedDelay }, stop);
            return;
        }
        await _delivery.HandleAsync(message, version, stop);
    }

    /// <summary>
    /// The version whose share of the keys holds this key: versions taking traffic that declare this trigger, by weight, in the
    /// route's order; the same key lands on the same version on every node. The last attempt of an event that failed before
    /// goes to stable (the first such version: the desired state lists stable first) whichever version holds the key: a
    /// canary that fails every event is rolled back by its analysis, and what it failed meanwhile is handled by stable instead
    /// of ending in the dead letters; an event stable fails too is a dead letter as before.
    /// </summary>
    private LoadedVersion? Choose(ServiceRoute route, string key, int attempt)
    {
        var total = 0;
        foreach (var routed in route.Versions)
        {
            if (routed.Weight > 0 && Declares(routed.Loaded))
            {
                total += routed.Weight;
            }
        }
        if (total == 0)
        {
            return null;
        }
        var ticket = EventSubjects.BucketOf(key) * total / 100;
        LoadedVersion? last = null;
        foreach (var routed in route.Versions)
        {
            if (routed.Weight <= 0 || !Declares(routed.Loaded))
            {
                continue;
            }
            last = routed.Loaded;
            ticket -= routed.Weight;
            if (ticket < 0)
            {
                break;
            }
        }
        return attempt > 1 && attempt >= Trigger.MaxAttempts && Stable(route) is { } stable && stable.Version != last?.Version ? stable : last;
    }

    /// <summary>The first version taking traffic that declares this trigger: stable, unless it has no weight or no such trigger.</summary>
    private LoadedVersion? Stable(ServiceRoute route) =>
        route.Versions.FirstOrDefault(v => v.Weight > 0 && v.Loaded.Role == VersionRole.Serving && Declares(v.Loaded))?.Loaded;

    private bool Declares(LoadedVersion version) =>
        version.Assignment.Triggers?.Any(t => t.Topic == Trigger.Topic && t.Filter == Trigger.Filter) == true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }
        _delivery.Dispose();
        _stop.Dispose();
    }
}
