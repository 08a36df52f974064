using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Api.Tests.Support;
using Platform.Application.Deployments;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Tests;

/// <summary>
/// A node's heartbeat wakes the Deployer's run of every progressing rollout of the services the node serves (NOTIFY on
/// the rollout channel), so a run watching the fleet need not poll; a pending rollout (nothing placed yet) is not woken.
/// </summary>
public sealed class RolloutNudgeTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Heartbeat_ServiceWithAProgressingRollout_NudgesThatRolloutOnly()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("nudged", "payments"));
        await alice.CreateServiceAsync(new CreateServiceRequest("quiet", "payments"));
        foreach (var service in new[] { "nudged", "quiet" })
        {
            await alice.PublishVersionAsync(service, "1.0.0", Components.Hello, null);
            await alice.PublishVersionAsync(service, "1.1.0", Components.Hello, null);
            await Api.DeployAsync(service, "1.0.0");
        }
        var progressing = await alice.StartRolloutAsync("nudged", "1.1.0");
        var pending = await alice.StartRolloutAsync("quiet", "1.1.0");
        using (var scope = Api.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var rollout = await db.Rollouts.Include(r => r.Events).SingleAsync(r => r.Id == progressing.Id);
            rollout.Begin(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        var node = (await (await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest("edge-n", "eu-west", "http://127.0.0.1:9999")))
            .Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        await using var listener = new NpgsqlConnection(Api.Database.ConnectionString);
        await listener.OpenAsync();
        var nudges = Channel.CreateUnbounded<string>();
        listener.Notification += (_, e) => nudges.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {RolloutNudges.Channel}", listener)) await listen.ExecuteNonQueryAsync();

        var response = await http.PostAsJsonAsync($"/api/v1/nodes/{node.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [], []));
        response.EnsureSuccessStatusCode();
        // Notifications arrive in the order their transactions committed: a marker sent after the heartbeat's ends the batch.
        await using (var other = new NpgsqlConnection(Api.Database.ConnectionString))
        {
            await other.OpenAsync();
            await using var marker = new NpgsqlCommand($"SELECT pg_notify('{RolloutNudges.Channel}', 'end')", other);
            await marker.ExecuteNonQueryAsync();
        }
        var received = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!received.Contains("end"))
        {
            await listener.WaitAsync(timeout.Token);
            while (nudges.Reader.TryRead(out var payload)) received.Add(payload);
        }

        Assert.Equal([progressing.Id + RolloutNudges.FleetSuffix, "end"], received);
        Assert.DoesNotContain(received, r => r.StartsWith(pending.Id.ToString(), StringComparison.Ordinal));
    }
}
