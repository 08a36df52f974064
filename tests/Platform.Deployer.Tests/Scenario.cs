using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Application.Builds;
using Platform.Application.Deployments;
using Platform.Application.Identity;
using Platform.Application.Registry;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Nodes;
using Platform.Domain.Services;
using Platform.Domain.Templates;

namespace Platform.Deployer.Tests;

/// <summary>Arranges state the way the API would have written it, at the time of the services' clock.</summary>
public sealed class Scenario(IServiceProvider services)
{
    private static readonly Actor Alice = new(null, "alice", false, new HashSet<Guid>(), ["read", "write"], "user:alice");
    private readonly TimeProvider _clock = services.GetRequiredService<TimeProvider>();

    /// <summary>A service from the http-json-c template with a queued build; <paramref name="edit"/> may change its files.</summary>
    public async Task<(Service Service, Guid BuildId)> ServiceWithQueuedBuildAsync(string name, Action<Dictionary<string, string>>? edit = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var template = await db.TemplateVersions.Include(v => v.Template).FirstAsync(v => v.Template!.Name == "http-json-c");
        var team = await db.Teams.FirstAsync(t => t.Name == "payments");
        var files = TemplateRenderer.Render(template.Files, new Dictionary<string, string>
        {
            ["service_name"] = name, ["team"] = team.Name, ["route"] = "/" + name, ["description"] = "test",
            ["greeting"] = "Hello", ["log_level"] = "info",
        }).ToDictionary();
        edit?.Invoke(files);
        var service = new Service { Name = name, Route = "/" + name, OwnerTeamId = team.Id, TemplateVersionId = template.Id, CreatedBy = Alice.AuditName };
        db.Services.Add(service);
        var revision = new SourceRevision { ServiceId = service.Id, Number = 1, Message = "test", Author = Alice.AuditName, Digest = SourceDigest.Of(files), Files = files };
        db.SourceRevisions.Add(revision);
        var build = await scope.ServiceProvider.GetRequiredService<BuildRequests>().QueueAsync(service, revision, template.Toolchain, Alice, default);
        await db.SaveChangesAsync();
        return (service, build.Id);
    }

    /// <summary>An empty service with published versions (the hello test component) and a pending rollout to the last.</summary>
    public async Task<Guid> PendingRolloutAsync(
        string name, byte[] component, string[] versions, string? stable, RolloutStart? start = null, Func<string, string>? manifestOf = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var team = await db.Teams.FirstAsync(t => t.Name == "payments");
        var service = new Service { Name = name, Route = "/" + name, OwnerTeamId = team.Id, CreatedBy = Alice.AuditName };
        db.Services.Add(service);
        var publisher = scope.ServiceProvider.GetRequiredService<PublishVersion>();
        var published = new List<Domain.Registry.ComponentVersion>();
        foreach (var version in versions)
            published.Add(await publisher.PublishAsync(new PublishRequest(service, version, component, manifestOf?.Invoke(version) ?? $"name = \"{name}\"\n"), Alice, default));
        if (stable is not null)
            db.ServiceDeployments.Add(new ServiceDeployment { ServiceId = service.Id, StableVersionId = published.Single(v => v.Version == stable).Id });
        await db.SaveChangesAsync();
        var rollout = await scope.ServiceProvider.GetRequiredService<RolloutStarter>().StartAsync(service, published[^1], start ?? RolloutStart.Default, Alice, default);
        await db.SaveChangesAsync();
        return rollout.Id;
    }

    /// <summary>A node that heartbeated just now with the given ready and failed entries.</summary>
    public async Task NodeAsync(string name, string[] ready, string[]? failed = null, bool online = true, string region = "eu")
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var now = _clock.GetUtcNow();
        db.Nodes.Add(new Node
        {
            Name = name, Region = region, BaseUrl = "http://127.0.0.1:1", TokenHash = Guid.NewGuid().ToString("N"),
            LastHeartbeatAt = online ? now : now.AddMinutes(-5),
            ReadyVersions = ready.ToList(), FailedVersions = (failed ?? []).ToList(),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Changes a rollout the way the API does (intent), e.g. <c>r => r.RequestPromote("alice", now)</c>.</summary>
    public async Task ActAsync(Guid rolloutId, Action<Rollout, DateTimeOffset> act)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var rollout = await db.Rollouts.Include(r => r.Events).SingleAsync(r => r.Id == rolloutId);
        act(rollout, _clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>Marks a node as silent (its last heartbeat long ago) or back.</summary>
    public async Task SetOnlineAsync(string node, bool online)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var row = await db.Nodes.SingleAsync(n => n.Name == node);
        row.LastHeartbeatAt = online ? _clock.GetUtcNow() : _clock.GetUtcNow().AddMinutes(-1);
        await db.SaveChangesAsync();
        // As the API does after a heartbeat: the runs watching rollouts look now.
        await RolloutNudges.ServicesReportedAsync(db, await db.Services.Select(s => s.Id).ToListAsync(), CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<PlatformDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }
}
