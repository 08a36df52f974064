using Platform.Domain.Teams;

namespace Platform.Domain.Topics;

/// <summary>
/// A stream of events a team owns: backed by one JetStream stream (<see cref="TopicNames"/>), with a retention,
/// optional versioned JSON Schemas and the teams and services that may publish to it and subscribe to it.
/// </summary>
public sealed class Topic
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public Guid OwnerTeamId { get; set; }
    public Team? OwnerTeam { get; set; }
    /// <summary>Events older than this are dropped; null keeps them until <see cref="MaxBytes"/> says otherwise.</summary>
    public TimeSpan? MaxAge { get; set; }
    /// <summary>The stream's size cap (oldest events dropped first); null caps by age only.</summary>
    public long? MaxBytes { get; set; }
    /// <summary>Beside the owner team: who may publish.</summary>
    public TopicAccess Publishers { get; set; } = new();
    /// <summary>Beside the owner team: who may subscribe (declare triggers on it).</summary>
    public TopicAccess Subscribers { get; set; } = new();
    /// <summary>Whether a service of team <paramref name="teamId"/> (named <paramref name="team"/>) may declare triggers on the topic.</summary>
    public bool ServiceMaySubscribe(Guid teamId, string team, string service) => OwnerTeamId == teamId || Subscribers.Grants(team, service);

    /// <summary>Whether a service of team <paramref name="teamId"/> (named <paramref name="team"/>) may publish to the topic.</summary>
    public bool ServiceMayPublish(Guid teamId, string team, string service) => OwnerTeamId == teamId || Publishers.Grants(team, service);

    public List<TopicSchemaVersion> Schemas { get; set; } = [];
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: concurrent changes of one topic answer 409 instead of overwriting each other.</summary>
    public uint RowVersion { get; set; }
}
