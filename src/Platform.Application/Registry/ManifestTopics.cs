using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Manifests;
using Platform.Domain.Services;

namespace Platform.Application.Registry;

/// <summary>
/// A version may only name topics that exist and that its service may use: a trigger needs the subscribe right, a publish
/// topic the publish right (<see cref="Domain.Topics.Topic.ServiceMaySubscribe"/>, <see cref="Domain.Topics.Topic.ServiceMayPublish"/>).
/// </summary>
public static class ManifestTopics
{
    public static async Task CheckAsync(PlatformDbContext db, Service service, ServiceManifest manifest, CancellationToken ct)
    {
        var names = manifest.Triggers.Select(t => t.Topic).Concat(manifest.PublishTopics).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return;
        var topics = await db.Topics.AsNoTracking().Where(t => names.Contains(t.Name)).ToDictionaryAsync(t => t.Name, StringComparer.Ordinal, ct);
        var team = await db.Teams.Where(t => t.Id == service.OwnerTeamId).Select(t => t.Name).SingleAsync(ct);

        for (var i = 0; i < manifest.Triggers.Count; i++)
        {
            var name = manifest.Triggers[i].Topic;
            var field = $"manifest.triggers[{i}].topic";
            if (!topics.TryGetValue(name, out var topic)) throw new DomainException($"Topic '{name}' does not exist.", field);
            if (!topic.ServiceMaySubscribe(service.OwnerTeamId, team, service.Name))
                throw new DomainException(
                    $"Service '{service.Name}' may not consume topic '{name}': its owner team grants the subscribe right to teams and services (subscribers).", field);
        }
        foreach (var name in manifest.PublishTopics)
        {
            const string field = "manifest.capabilities.publish_topics";
            if (!topics.TryGetValue(name, out var topic)) throw new DomainException($"Topic '{name}' does not exist.", field);
            if (!topic.ServiceMayPublish(service.OwnerTeamId, team, service.Name))
                throw new DomainException(
                    $"Service '{service.Name}' may not publish to topic '{name}': its owner team grants the publish right to teams and services (publishers).", field);
        }
    }
}
