using Platform.Contracts.Topics;
using Platform.Domain.Registry;

namespace Platform.Domain.Manifests;

/// <summary>What a manifest's <c>[[triggers]]</c> and <c>publish_topics</c> must respect; every error names its key.</summary>
public static class TriggerRules
{
    public const int MaxAttempts = 20;
    public const int MinBackoffMs = 10;
    public const int MaxBackoffMs = 60_000;
    public const int MaxMaxBackoffMs = 600_000;

    public static void Check(ServiceManifest manifest)
    {
        var seenTopics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in manifest.PublishTopics)
        {
            if (!Slug.IsValid(topic)) throw new DomainException(Slug.Describe($"Topic '{topic}' in publish_topics"), "manifest.capabilities.publish_topics");
            if (!seenTopics.Add(topic)) throw new DomainException($"Topic '{topic}' is listed twice in publish_topics.", "manifest.capabilities.publish_topics");
        }
        if (manifest.PublishTopics.Count > 0 && manifest.Executor != Executors.Component)
            throw new DomainException("Only the component executor can publish events (a wagi module cannot import the publisher interface); remove publish_topics or use executor \"component\".",
                "manifest.capabilities.publish_topics");
        if (manifest.Triggers.Count > 0 && manifest.Executor != Executors.Component)
            throw new DomainException("Only the component executor can consume events (a wagi module cannot export events.handle); remove [[triggers]] or use executor \"component\".",
                "manifest.triggers");

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < manifest.Triggers.Count; i++)
        {
            var trigger = manifest.Triggers[i];
            var at = $"manifest.triggers[{i}]";
            if (!Slug.IsValid(trigger.Topic)) throw new DomainException(Slug.Describe($"Topic '{trigger.Topic}'"), $"{at}.topic");
            if (trigger.Filter is not null && !EventSubjects.IsValidFilter(trigger.Filter))
                throw new DomainException($"Filter '{trigger.Filter}' is not a subject filter such as \"eu.*\" or \"orders.>\": dot-separated tokens of lower-case letters, digits, '-' and '_', where a token may be '*' and the last may be '>'.",
                    $"{at}.filter");
            if (trigger.MaxInFlight is < 1 or > EventSubjects.Partitions)
                throw new DomainException($"max_in_flight must be between 1 and {EventSubjects.Partitions} (one event per partition at a time).", $"{at}.max_in_flight");
            if (trigger.MaxAttempts is < 1 or > MaxAttempts)
                throw new DomainException($"retry.max_attempts must be between 1 and {MaxAttempts}.", $"{at}.retry.max_attempts");
            if (trigger.BackoffMs is < MinBackoffMs or > MaxBackoffMs)
                throw new DomainException($"retry.backoff_ms must be between {MinBackoffMs} and {MaxBackoffMs}.", $"{at}.retry.backoff_ms");
            if (trigger.MaxBackoffMs < trigger.BackoffMs || trigger.MaxBackoffMs > MaxMaxBackoffMs)
                throw new DomainException($"retry.max_backoff_ms must be at least retry.backoff_ms ({trigger.BackoffMs}) and at most {MaxMaxBackoffMs}.", $"{at}.retry.max_backoff_ms");
            if (!seen.Add((trigger.Topic, trigger.Filter ?? ">")))
                throw new DomainException($"Topic '{trigger.Topic}' has two triggers with the same filter ({trigger.Filter ?? "none"}); every event would be handled twice.", $"{at}.filter");
        }
    }
}
