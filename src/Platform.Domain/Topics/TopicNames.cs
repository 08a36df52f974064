using Platform.Contracts.Topics;

namespace Platform.Domain.Topics;

/// <summary>How a topic maps onto JetStream: one stream per topic, subjects under <c>topics.&lt;name&gt;</c> (<see cref="EventSubjects"/>).</summary>
public static class TopicNames
{
    /// <summary>The stream's name (topic names are slugs, so this is a valid stream name).</summary>
    public static string Stream(string topic) => EventSubjects.Stream(topic);

    /// <summary>The stream's subjects: the topic's own and every partition and subject below it.</summary>
    public static string[] StreamSubjects(string topic) => EventSubjects.StreamSubjects(topic);
}
