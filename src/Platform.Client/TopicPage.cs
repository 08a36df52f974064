using Platform.Contracts.Topics;

namespace Platform.Client;

/// <summary>One page of topics, how many match in all, and the path of the next page (null on the last).</summary>
public sealed record TopicPage(List<TopicDto> Items, int Total, string? Next);
