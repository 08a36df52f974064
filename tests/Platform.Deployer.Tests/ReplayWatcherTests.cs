using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.Deployer.Events;
using Platform.Domain.Topics;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// The Deployer ends replays on a real nats-server: completed once every consumer has passed the replay's end with nothing in
/// flight (not before), stopped when the target version left the fleet or the consumers are gone; their consumers deleted.
/// </summary>
[Collection(DeployerCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ReplayWatcherTests(DeployerFixture fixture, NatsServer nats) : IClassFixture<NatsServer>, IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private readonly Scenario _scenario = new(fixture.Services);
    private NatsConnection? _connection;
    private ConsumerStreams _streams = null!;
    private ReplayWatcher _watcher = null!;

    public async Task InitializeAsync()
    {
        await fixture.Database.ResetAsync();
        await nats.ResetAsync();
        await nats.JetStream.CreateStreamAsync(new StreamConfig(EventSubjects.Stream("orders"), EventSubjects.StreamSubjects("orders")));
        _connection = new NatsConnection(new NatsOpts { Url = nats.Url });
        _streams = new ConsumerStreams(_connection);
        _watcher = new ReplayWatcher(fixture.Services.GetRequiredService<IServiceScopeFactory>(), _streams, fixture.Clock, NullLogger<ReplayWatcher>.Instance);
        // svc: 1.0.0 stable, 1.1.0 published (a pending rollout, no canary yet).
        await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0");
        foreach (var key in new[] { "a", "b" })
        {
            (await nats.JetStream.PublishAsync(EventSubjects.Subject("orders", key, null), "{}"u8.ToArray())).EnsureSuccess();
        }
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Check_EventsLeft_StaysActive_EveryConsumerPastTheEnd_Completed_ConsumersDeleted()
    {
        var replay = await StartAsync("1.0.0");

        await _watcher.CheckAsync(default);
        Assert.Null((await LoadAsync(replay.Id)).FinishedAt);

        await HandleEverythingAsync(replay);
        await _watcher.CheckAsync(default);

        var ended = await LoadAsync(replay.Id);
        Assert.Equal("completed", ended.Outcome);
        Assert.InRange(ended.FinishedAt!.Value, fixture.Clock.GetUtcNow().AddMilliseconds(-1), fixture.Clock.GetUtcNow()); // PostgreSQL keeps microseconds
        Assert.Empty(await ReplayConsumersAsync());
    }

    [Fact]
    public async Task Check_TargetNoLongerDeployed_Stopped_ConsumersDeleted()
    {
        var replay = await StartAsync("1.1.0");

        await _watcher.CheckAsync(default);

        Assert.Equal("stopped: version 1.1.0 is no longer deployed", (await LoadAsync(replay.Id)).Outcome);
        Assert.Empty(await ReplayConsumersAsync());
    }

    [Fact]
    public async Task Check_ConsumersGone_Stopped()
    {
        var replay = await StartAsync("1.0.0");
        await _streams.EndReplayAsync(replay, default);

        await _watcher.CheckAsync(default);

        Assert.Equal("stopped: its consumers are gone", (await LoadAsync(replay.Id)).Outcome);
    }

    private async Task<EventReplay> StartAsync(string version)
    {
        var (serviceId, versionId) = await _scenario.QueryAsync(async db =>
        {
            var service = await db.Services.SingleAsync(s => s.Name == "svc");
            var target = await db.ComponentVersions.SingleAsync(v => v.ServiceId == service.Id && v.Version == version);
            return (service.Id, target.Id);
        });
        var replay = new EventReplay
        {
            ServiceId = serviceId, Topic = "orders", Source = ReplaySource.Topic, FromSequence = 1, UntilSequence = 2,
            TargetVersionId = versionId, TargetVersion = version, RequestedBy = "alice", RequestedAt = fixture.Clock.GetUtcNow(),
        };
        await _streams.StartReplayAsync(replay, "svc", TimeSpan.FromSeconds(30), default);
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.EventReplays.Add(replay);
        await db.SaveChangesAsync();
        return replay;
    }

    /// <summary>What the nodes do: every replayed event handled and acknowledged.</summary>
    private async Task HandleEverythingAsync(EventReplay replay)
    {
        for (var partition = 0; partition < EventSubjects.Partitions; partition++)
        {
            var consumer = await nats.JetStream.GetConsumerAsync(EventSubjects.Stream("orders"), EventSubjects.ReplayDurable(replay.Id, partition));
            for (var more = true; more;)
            {
                more = false;
                await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1 }))
                {
                    await message.AckAsync(new AckOpts { DoubleAck = true });
                    more = true;
                }
            }
        }
    }

    private Task<EventReplay> LoadAsync(Guid id) => _scenario.QueryAsync(db => db.EventReplays.AsNoTracking().SingleAsync(r => r.Id == id));

    private async Task<List<string>> ReplayConsumersAsync()
    {
        var names = new List<string>();
        await foreach (var name in nats.JetStream.ListConsumerNamesAsync(EventSubjects.Stream("orders")))
        {
            names.Add(name);
        }
        return names;
    }
}
