namespace Platform.Domain.Topics;

/// <summary>Teams and services (by name) granted a right on a topic.</summary>
public sealed class TopicAccess
{
    public List<string> Teams { get; set; } = [];
    public List<string> Services { get; set; } = [];

    /// <summary>Whether the right is granted to <paramref name="team"/> or to <paramref name="service"/> (both by name).</summary>
    public bool Grants(string team, string service) => Teams.Contains(team, StringComparer.Ordinal) || Services.Contains(service, StringComparer.Ordinal);
}
