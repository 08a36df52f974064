using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Api.Features.Nodes;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Tests;

/// <summary>
/// The deployed services the API keeps in memory for nodes (<see cref="FleetDeployments"/>): a change written by another
/// process (the Deployer) reaches a node's long poll through the notification that names the service; a read that must
/// see every commit reads the database; a notification it cannot read as service ids reads everything again.
/// </summary>
public sealed class FleetDeploymentsTests(ApiFactory api) : ApiTest(api)
{
    private async Task SqlAsync(FormattableString sql)
    {
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.Database.ExecuteSqlAsync(sql);
    }

    private async Task<Guid> ServiceIdAsync(string name)
    {
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Services.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    /// <summary>Alice's services, each with 1.0.0 published (and deployed when <paramref name="deployed"/>).</summary>
    private async Task<PlatformClient> ServicesAsync(bool deployed, params string[] names)
    {
        var alice = await Api.SignInAsync("alice");
        foreach (var name in names)
        {
            await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
            await alice.PublishVersionAsync(name, "1.0.0", Components.Hello, $"name = \"{name}\"\n");
            if (deployed) await Api.DeployAsync(name, "1.0.0");
        }
        return alice;
    }

    [Fact]
    public async Task LongPoll_ADeploymentChangedByAnotherWriter_ReachesTheNodeWithOnlyThatService()
    {
        await Api.DesiredStateListeningAsync();
        var alice = await ServicesAsync(deployed: true, "north", "south");
        await alice.PublishVersionAsync("south", "2.0.0", Components.Hello, "name = \"south\"\n");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-fleet", "eu");
        var held = await node.DesiredStateDtoAsync();

        await using var listener = new NpgsqlConnection(Api.Database.ConnectionString);
        await listener.OpenAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {DesiredStateListener.Channel}", listener)) await listen.ExecuteNonQueryAsync();

        // As the Deployer writes a rollout's step: one statement on one deployment, in its own process.
        var poll = node.DesiredStateAsync($"?after={held.Revision}&waitSeconds=20&base={held.Revision}");
        await SqlAsync($"""
            UPDATE service_deployments d SET stable_version_id = v.id, updated_at = now()
            FROM services s JOIN component_versions v ON v.service_id = s.id AND v.version = '2.0.0'
            WHERE s.name = 'south' AND d.service_id = s.id
            """);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (payloads.Count == 0) await listener.WaitAsync(timeout.Token);
        var southId = await ServiceIdAsync("south");
        // The notification names the one service changed, so the API reads that one again.
        Assert.Equal([$"service_deployments:{southId}"], payloads);
        var response = await poll;
        response.EnsureSuccessStatusCode();
        var delta = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<NodeDesiredStateDto>(response.Content))!;

        Assert.NotEqual(held.Revision, delta.Revision);
        var south = Assert.Single(delta.Services);
        Assert.Equal(("south", "2.0.0"), (south.Service, Assert.Single(south.Versions).Version));
        Assert.Equal(delta.Revision, (await node.DesiredStateDtoAsync()).Revision);
    }

    [Fact]
    public async Task LongPoll_AVariableChangedByAnotherWriter_ReachesTheNodeWithItsNewValue()
    {
        await Api.DesiredStateListeningAsync();
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("tuned", "payments"));
        await alice.PublishVersionAsync("tuned", "1.0.0", Components.Config, "name = \"tuned\"\n[variables]\ngreeting = { required = true }\n");
        await alice.SetVariableAsync("tuned", "greeting", "hello");
        await Api.DeployAsync("tuned", "1.0.0");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-tuned", "eu");
        var held = await node.DesiredStateDtoAsync();
        Assert.Equal("hello", Assert.Single(Assert.Single(held.Services, s => s.Service == "tuned").Versions).Capabilities.Variables["greeting"]);

        // The entry the API built is kept in memory: a value written by another writer must still reach the node, at once.
        var poll = node.DesiredStateAsync($"?after={held.Revision}&waitSeconds=20&base={held.Revision}");
        await SqlAsync($"""
            UPDATE service_variables v SET stored_value = 'bonjour', updated_at = now()
            FROM services s WHERE s.name = 'tuned' AND v.service_id = s.id AND v.name = 'greeting'
            """);
        var response = await poll;
        response.EnsureSuccessStatusCode();
        var delta = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<NodeDesiredStateDto>(response.Content))!;

        var tuned = Assert.Single(delta.Services);
        Assert.Equal("bonjour", Assert.Single(tuned.Versions).Capabilities.Variables["greeting"]);
        Assert.Equal(delta.Revision, (await node.DesiredStateDtoAsync()).Revision);
    }

    [Fact]
    public async Task Read_NotFresh_SeesTheServicesNamed_AndEverythingAfterAnUnreadableNotification()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("east", "payments"));
        await alice.PublishVersionAsync("east", "1.0.0", Components.Hello, "name = \"east\"\n");
        using var fleet = new FleetDeployments(new FakeTimeProvider());
        fleet.Listening(true);
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.DoesNotContain((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "east");

        await Api.DeployAsync("east", "1.0.0");
        // Not notified to this instance: what it holds stands until a notification, or a fresh read.
        Assert.DoesNotContain((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "east");
        var id = await ServiceIdAsync("east");
        fleet.Changed($"service_deployments:{id}");
        Assert.Contains((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "east");

        await SqlAsync($"DELETE FROM service_deployments d USING services s WHERE s.id = d.service_id AND s.name = 'east'");
        fleet.Changed("service_deployments:not-a-service-id");
        Assert.DoesNotContain((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "east");

        await Api.DeployAsync("east", "1.0.0");
        // Other tables' changes (settings, replays, schemas) are no deployments': nothing is read for them.
        fleet.Changed("platform_settings");
        Assert.DoesNotContain((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "east");
        Assert.Contains((await fleet.ReadSnapshotAsync(db, fresh: true, default)).ByName, r => r.Name == "east");
    }

    /// <summary>
    /// Which services may differ between two snapshots: those the reads between them named; unknown (null) across a whole
    /// read, or when the first read needed is no longer remembered. What a node's view of its entries relies on.
    /// </summary>
    [Fact]
    public async Task ChangedBetween_NamesWhatTheReadsBetweenRead_UnknownAcrossAWholeRead()
    {
        await ServicesAsync(deployed: true, "left", "right");
        var (left, right) = (await ServiceIdAsync("left"), await ServiceIdAsync("right"));
        using var fleet = new FleetDeployments(new FakeTimeProvider());
        fleet.Listening(true);
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var first = await fleet.ReadSnapshotAsync(db, fresh: false, default);

        fleet.Changed($"service_deployments:{left}");
        var second = await fleet.ReadSnapshotAsync(db, fresh: false, default);
        fleet.Changed($"service_variables:{right}");
        var third = await fleet.ReadSnapshotAsync(db, fresh: false, default);

        Assert.Equal((first.Epoch, first.Generation + 2), (third.Epoch, third.Generation));
        Assert.Equal(third.ByName.OrderBy(r => r.Name, StringComparer.Ordinal), third.ByName);
        Assert.Empty(fleet.ChangedBetween(third.Epoch, third.Generation, third)!);
        Assert.Equal([left], fleet.ChangedBetween(first.Epoch, first.Generation, second)!);
        Assert.Equal(new[] { left, right }.Order(), fleet.ChangedBetween(first.Epoch, first.Generation, third)!.Order());
        Assert.Equal([right], fleet.ChangedBetween(second.Epoch, second.Generation, third)!);
        // A snapshot handed out stays as it was read.
        Assert.Same(first.ById[right], second.ById[right]);
        Assert.NotSame(first.ById[left], second.ById[left]);

        for (var i = 0; i < FleetDeployments.RememberedReads; i++)
        {
            fleet.Changed($"services:{left}");
            await fleet.ReadSnapshotAsync(db, fresh: false, default);
        }
        var later = await fleet.ReadSnapshotAsync(db, fresh: false, default);
        Assert.Equal(later.ByName.OrderBy(r => r.Name, StringComparer.Ordinal), later.ByName);
        Assert.Equal(2, later.ByName.Count(r => r.Name is "left" or "right"));
        Assert.Null(fleet.ChangedBetween(first.Epoch, first.Generation, later));
        Assert.Equal([left], fleet.ChangedBetween(third.Epoch, third.Generation + 1, later)!);

        var whole = await fleet.ReadSnapshotAsync(db, fresh: true, default);
        Assert.Equal(later.Epoch + 1, whole.Epoch);
        Assert.Null(fleet.ChangedBetween(later.Epoch, later.Generation, whole));
    }

    /// <summary>Services read again by name (a heartbeat names one not heard of): those are as committed, the rest as held, no whole read.</summary>
    [Fact]
    public async Task Read_AlsoReadByName_SeesThoseServicesAsCommitted_WithoutReadingEverything()
    {
        await ServicesAsync(deployed: false, "named", "unnamed");
        using var fleet = new FleetDeployments(new FakeTimeProvider());
        fleet.Listening(true);
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var first = await fleet.ReadSnapshotAsync(db, fresh: false, default);
        await Api.DeployAsync("named", "1.0.0");
        await Api.DeployAsync("unnamed", "1.0.0");

        var read = await fleet.ReadSnapshotAsync(db, fresh: false, default, alsoRead: ["named"]);

        Assert.Equal(["named"], read.ByName.Select(r => r.Name).Where(n => n is "named" or "unnamed"));
        Assert.Equal((first.Epoch, first.Generation + 1), (read.Epoch, read.Generation));
        Assert.Equal([await ServiceIdAsync("named")], fleet.ChangedBetween(first.Epoch, first.Generation, read)!);

        await SqlAsync($"DELETE FROM service_deployments d USING services s WHERE s.id = d.service_id AND s.name = 'named'");
        var gone = await fleet.ReadSnapshotAsync(db, fresh: false, default, alsoRead: ["named"]);
        Assert.DoesNotContain(gone.ByName, r => r.Name == "named");
    }

    [Fact]
    public async Task Read_NotFresh_ReadsEverythingAgain_AfterMaxAge_OrWhileNotListening()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("west", "payments"));
        await alice.PublishVersionAsync("west", "1.0.0", Components.Hello, "name = \"west\"\n");
        var clock = new FakeTimeProvider();
        using var fleet = new FleetDeployments(clock);
        fleet.Listening(true);
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.DoesNotContain((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "west");

        // A change whose notification was lost is read at the latest when what is held is MaxAge old.
        await Api.DeployAsync("west", "1.0.0");
        clock.Advance(FleetDeployments.MaxAge - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "west");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "west");

        // While the listener is down nothing is notified: every read goes to the database.
        await SqlAsync($"DELETE FROM service_deployments d USING services s WHERE s.id = d.service_id AND s.name = 'west'");
        fleet.Listening(false);
        Assert.DoesNotContain((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "west");
        await Api.DeployAsync("west", "1.0.0");
        Assert.Contains((await fleet.ReadSnapshotAsync(db, fresh: false, default)).ByName, r => r.Name == "west");
    }
}
