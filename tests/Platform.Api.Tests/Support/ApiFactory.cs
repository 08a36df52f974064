using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Contracts.Nodes;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Client;
using Platform.Testing;

namespace Platform.Api.Tests.Support;

/// <summary>
/// The real API on a real, freshly migrated PostgreSQL database and a real nats-server of its own (topics), served by Kestrel
/// on a loopback port so that the git CLI can clone from and push to it.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string EnrolmentToken = "test-enrolment-token";

    public ApiFactory() => UseKestrel(0);

    public PostgresDatabase Database { get; } = new();

    public NatsServer Nats { get; } = new();

    /// <summary>Where this run keeps the service repositories.</summary>
    public string RepositoriesPath { get; } = Directory.CreateTempSubdirectory("platform-api-repos-").FullName;

    /// <summary>The base address Kestrel listens on (http://127.0.0.1:port).</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Nats.InitializeAsync();
        StartServer();
    }

    /// <summary>An empty database with the demo seed and no streams: what every test starts from.</summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        await Nats.ResetAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Platform", Database.ConnectionString);
        builder.UseSetting("Nats:Url", Nats.Url);
        builder.UseSetting("Edge:EnrolmentToken", EnrolmentToken);
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "100000");
        builder.UseSetting("Git:RepositoriesPath", RepositoriesPath);
        // The tests run the reconciliation pass themselves.
        builder.UseSetting("Git:ReconcileInterval", "01:00:00");
        builder.UseEnvironment("Testing");
    }

    /// <summary>A second API host on the same database, with <paramref name="settings"/> on top of these.</summary>
    public ApiVariant WithSettings(params (string Key, string Value)[] settings)
    {
        var host = WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
        return new ApiVariant(host, () => Hangfire.Logging.LogProvider.SetCurrentLogProvider(
            new Hangfire.AspNetCore.AspNetCoreLogProvider(Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));
    }

    /// <summary>A second API host on the same database whose clock is <paramref name="clock"/>.</summary>
    public ApiVariant WithClock(TimeProvider clock)
    {
        var host = WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(clock))));
        return new ApiVariant(host, () => Hangfire.Logging.LogProvider.SetCurrentLogProvider(
            new Hangfire.AspNetCore.AspNetCoreLogProvider(Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));
    }

    /// <summary>A client without credentials.</summary>
    public PlatformClient Anonymous() => new(CreateClient());

    /// <summary>A client signed in as one of the demo people (admin, alice, bob).</summary>
    public async Task<PlatformClient> SignInAsync(string user)
    {
        var client = Anonymous();
        var session = await client.SignInAsync(user, "platform-demo");
        return client.WithToken(session.Token);
    }

    /// <summary>
    /// Writes what the Deployer writes when a rollout succeeds: the version is the fleet's stable one; with
    /// <paramref name="canary"/>, what it writes when a rollout of that version begins (the canary placed at weight 0).
    /// </summary>
    public async Task DeployAsync(string service, string version, string? canary = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var entity = await db.Services.SingleAsync(s => s.Name == service);
        var stable = await db.ComponentVersions.SingleAsync(v => v.ServiceId == entity.Id && v.Version == version);
        var canaryId = canary is null ? (Guid?)null : (await db.ComponentVersions.SingleAsync(v => v.ServiceId == entity.Id && v.Version == canary)).Id;
        var deployment = await db.ServiceDeployments.SingleOrDefaultAsync(d => d.ServiceId == entity.Id);
        if (deployment is null) db.ServiceDeployments.Add(deployment = new ServiceDeployment { ServiceId = entity.Id });
        (deployment.StableVersionId, deployment.CanaryVersionId, deployment.UpdatedAt) = (stable.Id, canaryId, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Until the API's desired-state listener is connected (it pulses the signal once it is), so that what the API holds in
    /// memory, refreshed by notifications, is what a node's long poll reads.
    /// </summary>
    public async Task DesiredStateListeningAsync()
    {
        var fleet = Services.GetRequiredService<Platform.Api.Features.Nodes.FleetDeployments>();
        var signal = Services.GetRequiredService<Platform.Api.Features.Nodes.DesiredStateSignal>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            // Taken before looking: the listener marks itself listening before it pulses.
            var next = signal.Next();
            if (fleet.IsListening) return;
            await next.WaitAsync(timeout.Token);
        }
    }

    /// <summary>The desired state of a node enrolled for the purpose (every service is placed on it), as read and as sent.</summary>
    public async Task<(NodeDesiredStateDto State, string Json)> DesiredStateOfANewNodeAsync()
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EnrolmentToken);
        var node = (await (await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest($"edge-{Guid.NewGuid():N}"[..12], "eu", "http://127.0.0.1:1")))
            .Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        var json = await http.GetStringAsync($"/api/v1/nodes/{node.NodeId}/desired-state");
        return (System.Text.Json.JsonSerializer.Deserialize<NodeDesiredStateDto>(json, System.Text.Json.JsonSerializerOptions.Web)!, json);
    }

    /// <summary>What the control plane stored from a node's last heartbeat, by version.</summary>
    public async Task<List<Platform.Domain.Nodes.VersionMetrics>> QueryNodeMetricsAsync(string node)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var metrics = await db.Nodes.Where(n => n.Name == node).Select(n => n.Metrics).SingleAsync();
        return metrics.OrderBy(m => m.Version, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Writes what the Deployer writes during a canary: <paramref name="canary"/> at <paramref name="weight"/>% beside the stable version
    /// (and, <paramref name="withBaseline"/>, a baseline copy of stable as a rollout with analysis has), in the trace <paramref name="traceParent"/>.
    /// </summary>
    public async Task SplitAsync(string service, string canary, int weight, bool withBaseline = false, string? traceParent = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var entity = await db.Services.SingleAsync(s => s.Name == service);
        var version = await db.ComponentVersions.SingleAsync(v => v.ServiceId == entity.Id && v.Version == canary);
        var deployment = await db.ServiceDeployments.SingleAsync(d => d.ServiceId == entity.Id);
        (deployment.CanaryVersionId, deployment.CanaryWeights, deployment.WithBaseline, deployment.UpdatedAt) = (version.Id, [weight], withBaseline, DateTimeOffset.UtcNow);
        (deployment.TraceParent, deployment.TraceState) = (traceParent, traceParent is null ? null : "platform=1");
        await db.SaveChangesAsync();
    }

    /// <summary>Writes what the Deployer writes when a rollout ends: aborted (or succeeded, the target then stable).</summary>
    public async Task FinishAsync(Guid rolloutId, bool succeed = false)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var rollout = await db.Rollouts.Include(r => r.Events).SingleAsync(r => r.Id == rolloutId);
        var now = DateTimeOffset.UtcNow;
        if (!succeed)
        {
            rollout.Abort("Aborted.", now);
        }
        else
        {
            rollout.Succeed("Done.", now);
            var deployment = await db.ServiceDeployments.SingleAsync(d => d.ServiceId == rollout.ServiceId);
            deployment.ServeOnly(rollout.TargetVersionId, now);
        }
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        await Nats.DisposeAsync();
        Directory.Delete(RepositoriesPath, recursive: true);
    }
}
