namespace Platform.Contracts.Topics;

/// <summary>Where a published event landed: the stream and its sequence there, and the schema version it was checked against.</summary>
public sealed record PublishedEventDto(string Topic, string Stream, ulong Sequence, int? SchemaVersion, bool Duplicate);
