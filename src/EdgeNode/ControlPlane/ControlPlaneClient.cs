using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Nodes;

namespace Platform.EdgeNode.ControlPlane;

/// <summary>The node's side of the node API: enrol, desired state, blobs by digest, heartbeat.</summary>
public sealed class ControlPlaneClient(HttpClient http)
{
    public const long MaxBlobBytes = 64L << 20;

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public async Task<EnrolNodeResponse> EnrolAsync(EnrolNodeRequest request, string enrolmentToken, CancellationToken ct)
    {
        using var message = Request(HttpMethod.Post, "api/v1/nodes/enrol", enrolmentToken);
        message.Content = JsonContent.Create(request, options: Json);
        using var response = await http.SendAsync(message, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new HttpRequestException("The control plane rejected the enrolment token (401).", null, response.StatusCode);
        }
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // The name is enrolled by a node whose token this one does not hold, or was revoked: an admin must act.
            var detail = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"The control plane refused to enrol this node (409): {detail}", null, response.StatusCode);
        }
        return await ReadAsync<EnrolNodeResponse>(response, ct);
    }

    /// <summary>
    /// The node's desired state; with <paramref name="afterRevision"/> and <paramref name="waitSeconds"/> a long poll
    /// that the control plane answers as soon as the state differs from that revision (or when the wait is over). With
    /// <paramref name="baseRevision"/> (the whole state the node holds) the answer may be a delta against it
    /// (<see cref="NodeDesiredStateDto.ApplyTo"/>).
    /// </summary>
    public async Task<NodeDesiredStateDto> GetDesiredStateAsync(Guid nodeId, string nodeToken, CancellationToken ct, string? afterRevision = null, int waitSeconds = 0,
        string? baseRevision = null)
    {
        var query = new List<string>();
        if (afterRevision is not null && waitSeconds > 0)
        {
            query.Add($"after={Uri.EscapeDataString(afterRevision)}");
            query.Add($"waitSeconds={waitSeconds}");
        }
        if (baseRevision is not null)
        {
            query.Add($"base={Uri.EscapeDataString(baseRevision)}");
        }
        using var message = Request(HttpMethod.Get, $"api/v1/nodes/{nodeId}/desired-state{(query.Count == 0 ? "" : "?" + string.Join('&', query))}", nodeToken);
        using var response = await SendAsync(message, ct);
        return await ReadAsync<NodeDesiredStateDto>(response, ct);
    }

    /// <summary>Downloads a blob by digest ("sha256:&lt;hex&gt;"); the caller verifies the bytes.</summary>
    public async Task<byte[]> DownloadBlobAsync(string digest, string nodeToken, CancellationToken ct)
    {
        using var message = Request(HttpMethod.Get, $"api/v1/blobs/{digest}", nodeToken);
        using var response = await SendAsync(message, ct, HttpCompletionOption.ResponseHeadersRead);
        if (response.Content.Headers.ContentLength > MaxBlobBytes)
        {
            throw new InvalidDataException($"Blob {digest} is larger than {MaxBlobBytes} bytes.");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBlobBytes)
            {
                throw new InvalidDataException($"Blob {digest} is larger than {MaxBlobBytes} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public async Task HeartbeatAsync(Guid nodeId, string nodeToken, NodeHeartbeatRequest heartbeat, CancellationToken ct)
    {
        using var message = Request(HttpMethod.Post, $"api/v1/nodes/{nodeId}/heartbeat", nodeToken);
        message.Content = JsonContent.Create(heartbeat, options: Json);
        using var response = await SendAsync(message, ct);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var message = new HttpRequestMessage(method, path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return message;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken ct, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var response = await http.SendAsync(message, completion, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new NodeTokenRejectedException($"The control plane rejected the node token on {message.Method} {message.RequestUri}.");
        }
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"{message.Method} {message.RequestUri} answered {(int)status}.", null, status);
        }
        return response;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json, ct)
            ?? throw new InvalidDataException($"The control plane returned an empty {typeof(T).Name}.");
    }
}
