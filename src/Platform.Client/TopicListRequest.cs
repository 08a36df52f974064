namespace Platform.Client;

/// <summary>What a page of topics is asked for (see the API's <c>GET /api/v1/topics</c>); null fields are left out.</summary>
public sealed record TopicListRequest(string? Search = null, string? Team = null, string? Sort = null, int? Limit = null);
