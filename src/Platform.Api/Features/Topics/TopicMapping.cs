using System.Text.Json;
using Platform.Contracts.Topics;
using Platform.Domain.Topics;

namespace Platform.Api.Features.Topics;

public static class TopicMapping
{
    public static TopicDto ToDto(this Topic topic) => new(
        topic.Name,
        topic.Description,
        topic.OwnerTeam?.Name ?? "",
        TopicNames.Stream(topic.Name),
        $"topics.{topic.Name}.>",
        topic.MaxAge is { } age ? (long)age.TotalSeconds : null,
        topic.MaxBytes,
        topic.Publishers.ToDto(),
        topic.Subscribers.ToDto(),
        topic.Schemas.Select(s => s.Version).Order().ToList(),
        topic.CreatedBy,
        topic.CreatedAt,
        topic.UpdatedAt);

    public static TopicAccessDto ToDto(this TopicAccess access) => new(access.Teams.ToList(), access.Services.ToList());

    public static TopicSchemaDto ToDto(this TopicSchemaVersion schema)
    {
        using var document = JsonDocument.Parse(schema.Schema);
        return new TopicSchemaDto(schema.Version, document.RootElement.Clone(), schema.CreatedBy, schema.CreatedAt);
    }
}
