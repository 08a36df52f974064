using Microsoft.EntityFrameworkCore;
using Platform.Data;

namespace Platform.Application.Topics;

/// <summary>Which services use a topic through the versions the fleet runs (stable or canary).</summary>
public static class TopicUsage
{
    /// <summary>
    /// The services (by name, ordered) whose stable or canary version triggers on <paramref name="topic"/> or may publish to it:
    /// deleting the topic would leave their consumers or publishers without a stream.
    /// </summary>
    public static Task<List<string>> DeployedServicesAsync(PlatformDbContext db, string topic, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT DISTINCT s.name AS "Value"
            FROM service_deployments d
            JOIN services s ON s.id = d.service_id
            JOIN component_versions v ON v.id = d.stable_version_id OR v.id = d.canary_version_id
            WHERE v.triggers @> jsonb_build_array(jsonb_build_object('topic', {topic}::text)) OR {topic} = ANY (v.publish_topics)
            ORDER BY 1
            """).ToListAsync(ct);
}
