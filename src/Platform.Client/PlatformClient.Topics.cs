using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Topics;

namespace Platform.Client;

public sealed partial class PlatformClient
{
    /// <summary>
    /// Every topic by name, page after page. It starts from the API's default page (100), not 500 as other lists do, so the
    /// portal's list asks for the same first page as before paging.
    /// </summary>
    public Task<List<TopicDto>> TopicsAsync(CancellationToken ct = default) => AllPagesAsync<TopicDto>("api/v1/topics", ct);

    public Task<Page<TopicDto>> TopicsPageAsync(TopicListRequest request, CancellationToken ct = default)
    {
        var query = new List<string>();
        if (request.Search is { Length: > 0 } search) query.Add($"search={Uri.EscapeDataString(search)}");
        if (request.Team is { Length: > 0 } team) query.Add($"team={Uri.EscapeDataString(team)}");
        if (request.Sort is { Length: > 0 } sort) query.Add($"sort={Uri.EscapeDataString(sort)}");
        if (request.Limit is { } limit) query.Add($"limit={limit}");
        return TopicsPageAsync("api/v1/topics" + (query.Count == 0 ? "" : "?" + string.Join("&", query)), ct);
    }

    /// <summary>The page at <paramref name="path"/>: a first page's, or a <see cref="Page{T}.Next"/>.</summary>
    public Task<Page<TopicDto>> TopicsPageAsync(string path, CancellationToken ct = default) => PageAsync<TopicDto>(path, ct);

    public Task<TopicDto> TopicAsync(string name, CancellationToken ct = default) => GetAsync<TopicDto>(TopicPath(name), ct);

    public Task<TopicDto> CreateTopicAsync(CreateTopicRequest request, CancellationToken ct = default) =>
        SendAsync<TopicDto>(HttpMethod.Post, "api/v1/topics", request, ct);

    public Task<TopicDto> UpdateTopicAsync(string name, UpdateTopicRequest request, CancellationToken ct = default) =>
        SendAsync<TopicDto>(HttpMethod.Patch, TopicPath(name), request, ct);

    public Task DeleteTopicAsync(string name, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, TopicPath(name), null, ct);

    public Task<List<TopicSchemaDto>> TopicSchemasAsync(string name, CancellationToken ct = default) =>
        GetAsync<List<TopicSchemaDto>>($"{TopicPath(name)}/schemas", ct);

    public Task<TopicSchemaDto> TopicSchemaAsync(string name, int version, CancellationToken ct = default) =>
        GetAsync<TopicSchemaDto>($"{TopicPath(name)}/schemas/{version.ToString(CultureInfo.InvariantCulture)}", ct);

    public Task<TopicSchemaDto> AddTopicSchemaAsync(string name, JsonElement schema, CancellationToken ct = default) =>
        SendAsync<TopicSchemaDto>(HttpMethod.Post, $"{TopicPath(name)}/schemas", new AddTopicSchemaRequest(schema), ct);

    /// <summary>
    /// Publishes one event (JSON text) to a topic; <paramref name="idempotencyKey"/> makes a repeat store it once, <paramref name="key"/>
    /// orders it with the other events of that key, <paramref name="subject"/> ("eu.created") is what triggers filter on.
    /// </summary>
    public async Task<PublishedEventDto> PublishEventAsync(string topic, string json, string? idempotencyKey = null, string? key = null, string? subject = null,
        CancellationToken ct = default)
    {
        var query = string.Join("&", new[] { ("key", key), ("subject", subject) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{TopicPath(topic)}/events{(query.Length > 0 ? "?" + query : "")}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<PublishedEventDto>(Json, ct))!;
    }

    private static string TopicPath(string name) => $"api/v1/topics/{Uri.EscapeDataString(name)}";
}
