namespace Platform.Domain.Topics;

/// <summary>How a topic maps onto JetStream: one stream per topic, subjects under <c>topics.&lt;name&gt;</c>.</summary>
public static class TopicNames
{
    /// <summary>The stream's name (topic names are slugs, so this is a valid stream name).</summary>
    public static string Stream(string topic) => $"topic-{topic}";

    /// <summary>The subject events published from outside land on.</summary>
    public static string Subject(string topic) => $"topics.{topic}";

    /// <summary>The stream's subjects: the topic's own and any below it (keys, later).</summary>
    public static string[] StreamSubjects(string topic) => [Subject(topic), $"{Subject(topic)}.>"];
}
