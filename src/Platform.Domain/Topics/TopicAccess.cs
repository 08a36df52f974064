namespace Platform.Domain.Topics;

/// <summary>Teams and services (by name) granted a right on a topic.</summary>
public sealed class TopicAccess
{
    public List<string> Teams { get; set; } = [];
    public List<string> Services { get; set; } = [];
}
