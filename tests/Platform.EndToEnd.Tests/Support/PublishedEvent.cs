namespace Platform.EndToEnd.Tests.Support;

/// <summary>One event a test published: its key and its data as the consumer receives it.</summary>
public sealed record PublishedEvent(string Key, string Data);
