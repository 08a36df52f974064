using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Api.Features.Nodes;
using Platform.Api.Tests.Support;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Tests;

/// <summary>
/// What every node's turn reads besides the deployments (settings, schemas, withheld versions, replays) is held in memory
/// and read again only when its table notifies a change (<see cref="NotifiedRead{T}"/>); the rollouts table notifies
/// only the changes that can withhold a version.
/// </summary>
public sealed class NotifiedReadTests(ApiFactory api) : ApiTest(api)
{
    private const string Manifest = "name = \"shop\"\n[capabilities]\nallowed_outbound_hosts = [\"https://api.example.com\"]\n";

    [Fact]
    public async Task Get_ReadsOnce_AndAgainOnlyAfterItsTableChanged_ReconnectionMaxAgeOrFresh()
    {
        var clock = new FakeTimeProvider();
        var reads = 0;
        using var held = new NotifiedRead<string>(clock, (_, _) => Task.FromResult($"read {++reads}"), "platform_settings", "topics");
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        held.Listening(true);

        Assert.Equal("read 1", await held.GetAsync(db, fresh: false, default));
        Assert.Equal("read 1", await held.GetAsync(db, fresh: false, default));
        held.Changed("service_deployments");
        Assert.Equal("read 1", await held.GetAsync(db, fresh: false, default));
        held.Changed("topics");
        Assert.Equal("read 2", await held.GetAsync(db, fresh: false, default));
        Assert.Equal("read 3", await held.GetAsync(db, fresh: true, default));
        Assert.Equal("read 3", await held.GetAsync(db, fresh: false, default));

        // A lost notification is read at the latest when what is held is MaxAge old.
        clock.Advance(FleetDeployments.MaxAge - TimeSpan.FromSeconds(1));
        Assert.Equal("read 3", await held.GetAsync(db, fresh: false, default));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("read 4", await held.GetAsync(db, fresh: false, default));

        // While the listener is down every read goes to the database; once back, what was held is read again.
        held.Listening(false);
        Assert.Equal("read 5", await held.GetAsync(db, fresh: false, default));
        Assert.Equal("read 6", await held.GetAsync(db, fresh: false, default));
        held.Listening(true);
        Assert.Equal("read 7", await held.GetAsync(db, fresh: false, default));
        Assert.Equal("read 7", await held.GetAsync(db, fresh: false, default));
    }

    [Fact]
    public async Task Get_AChangeNotifiedWhileItReads_IsReadAgainByTheNextRead()
    {
        var reads = 0;
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var held = new NotifiedRead<string>(TimeProvider.System, async (_, _) =>
        {
            var n = ++reads;
            if (n == 1)
            {
                reading.SetResult();
                await release.Task;
            }
            return $"read {n}";
        }, "rollouts");
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        held.Listening(true);

        var first = held.GetAsync(db, fresh: false, default);
        await reading.Task;
        held.Changed("rollouts");
        release.SetResult();

        Assert.Equal("read 1", await first);
        Assert.Equal("read 2", await held.GetAsync(db, fresh: false, default));
    }

    [Fact]
    public async Task Rollouts_NotifyWhenAVersionCanBeWithheldOrReleased_NotOnEveryPass()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("shop", "payments"));
        await alice.PublishVersionAsync("shop", "1.0.0", Components.Hello, Manifest);
        await using var listener = new NpgsqlConnection(Api.Database.ConnectionString);
        await listener.OpenAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {DesiredStateListener.Channel}; LISTEN test_marker", listener)) await listen.ExecuteNonQueryAsync();
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();

        var rollout = await alice.StartRolloutAsync("shop", "1.0.0");
        Assert.True(rollout.AwaitingApproval);
        Assert.Single(await NotifiedAsync(db, listener, payloads), p => p == "rollouts");

        // A pass writes the rollout's message and cursor: nothing to notify.
        await db.Database.ExecuteSqlAsync($"UPDATE rollouts SET message = 'still waiting' WHERE id = {rollout.Id}");
        Assert.DoesNotContain("rollouts", await NotifiedAsync(db, listener, payloads));
        // The approval releases the version: notified once.
        await db.Database.ExecuteSqlAsync($"UPDATE rollouts SET approved_by = 'admin', message = 'approved' WHERE id = {rollout.Id}");
        Assert.Single(await NotifiedAsync(db, listener, payloads), p => p == "rollouts");
    }

    /// <summary>What was notified on the channel so far: everything before a marker notified now (notifications arrive in commit order).</summary>
    private static async Task<List<string>> NotifiedAsync(PlatformDbContext db, NpgsqlConnection listener, List<string> payloads)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify('test_marker', 'marker')");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!payloads.Contains("marker")) await listener.WaitAsync(timeout.Token);
        var before = payloads.TakeWhile(p => p != "marker").ToList();
        payloads.Clear();
        return before;
    }
}
