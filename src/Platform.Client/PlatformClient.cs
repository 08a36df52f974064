using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Audit;
using Platform.Contracts.Builds;
using Platform.Contracts.Identity;
using Platform.Contracts.Nodes;
using Platform.Contracts.Registry;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.Contracts.Templates;

namespace Platform.Client;

/// <summary>
/// Typed client of the Platform REST API (/api/v1), used by the portal, the CLI and the tests.
/// Every error becomes a <see cref="PlatformApiException"/> carrying the problem details.
/// </summary>
public sealed partial class PlatformClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    /// <summary>Sends this bearer token with every later request.</summary>
    public PlatformClient WithToken(string token)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return this;
    }

    /// <summary>
    /// Says whose request this client passes on (<c>X-Forwarded-For</c>): the portal signing a person in sends
    /// the browser's address. The API believes it only from its trusted proxies.
    /// </summary>
    public PlatformClient OnBehalfOf(System.Net.IPAddress? address)
    {
        http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        if (address is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", address.ToString());
        }
        return this;
    }

    public Task<SignInResponse> SignInAsync(string userName, string password, CancellationToken ct = default) =>
        SendAsync<SignInResponse>(HttpMethod.Post, "api/v1/auth/sessions", new SignInRequest(userName, password), ct);

    /// <summary>Exchanges an ID token from the organisation's OpenID Connect provider for a session.</summary>
    public Task<SignInResponse> SignInWithOidcAsync(string idToken, CancellationToken ct = default) =>
        SendAsync<SignInResponse>(HttpMethod.Post, "api/v1/auth/sessions/oidc", new OidcSignInRequest(idToken), ct);

    /// <summary>Revokes the token this client carries.</summary>
    public Task SignOutAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "api/v1/auth/sessions/current", null, ct);

    public Task<UserDto> MeAsync(CancellationToken ct = default) => GetAsync<UserDto>("api/v1/me", ct);
    public Task<List<UserSummaryDto>> UsersAsync(CancellationToken ct = default) => GetAsync<List<UserSummaryDto>>("api/v1/users", ct);
    public Task<UserSummaryDto> DeactivateUserAsync(string userName, CancellationToken ct = default) =>
        SendAsync<UserSummaryDto>(HttpMethod.Post, $"api/v1/users/{Uri.EscapeDataString(userName)}/deactivate", null, ct);
    public Task<UserSummaryDto> ReactivateUserAsync(string userName, CancellationToken ct = default) =>
        SendAsync<UserSummaryDto>(HttpMethod.Post, $"api/v1/users/{Uri.EscapeDataString(userName)}/reactivate", null, ct);
    public Task<CreatedTokenDto> CreateTokenAsync(CreateTokenRequest request, CancellationToken ct = default) =>
        SendAsync<CreatedTokenDto>(HttpMethod.Post, "api/v1/tokens", request, ct);
    public Task<List<TokenDto>> TokensAsync(CancellationToken ct = default) => GetAsync<List<TokenDto>>("api/v1/tokens", ct);
    public Task RevokeTokenAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"api/v1/tokens/{id}", null, ct);
    public Task<List<TeamDto>> TeamsAsync(CancellationToken ct = default) => GetAsync<List<TeamDto>>("api/v1/teams", ct);
    public Task<TeamDto> CreateTeamAsync(CreateTeamRequest request, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Post, "api/v1/teams", request, ct);
    public Task<TeamDto> AddTeamMemberAsync(string team, string userName, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Put, $"api/v1/teams/{Uri.EscapeDataString(team)}/members/{Uri.EscapeDataString(userName)}", null, ct);
    public Task<TeamDto> RemoveTeamMemberAsync(string team, string userName, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Delete, $"api/v1/teams/{Uri.EscapeDataString(team)}/members/{Uri.EscapeDataString(userName)}", null, ct);

    public Task<List<TemplateDto>> TemplatesAsync(CancellationToken ct = default) => GetAsync<List<TemplateDto>>("api/v1/templates", ct);
    /// <summary>The templates the caller manages (admins: all; others: their teams'), with every version, vetted or not.</summary>
    public Task<List<TemplateDto>> ManagedTemplatesAsync(CancellationToken ct = default) => GetAsync<List<TemplateDto>>("api/v1/templates?managed=true", ct);
    public Task<TemplateDto> TemplateAsync(string template, CancellationToken ct = default) =>
        GetAsync<TemplateDto>($"api/v1/templates/{Uri.EscapeDataString(template)}", ct);
    public Task<List<FileDto>> TemplateFilesAsync(string template, string version, CancellationToken ct = default) =>
        GetAsync<List<FileDto>>($"api/v1/templates/{Uri.EscapeDataString(template)}/versions/{Uri.EscapeDataString(version)}/files", ct);
    public Task<List<TemplateVersionDto>> TemplateVersionsAsync(string template, CancellationToken ct = default) =>
        GetAsync<List<TemplateVersionDto>>($"api/v1/templates/{Uri.EscapeDataString(template)}/versions", ct);
    public Task<TemplateVersionDto> TemplateVersionAsync(string template, string version, CancellationToken ct = default) =>
        GetAsync<TemplateVersionDto>($"api/v1/templates/{Uri.EscapeDataString(template)}/versions/{Uri.EscapeDataString(version)}", ct);

    public Task<TemplateDto> CreateTemplateAsync(CreateTemplateRequest request, CancellationToken ct = default) =>
        SendAsync<TemplateDto>(HttpMethod.Post, "api/v1/templates", request, ct);
    public Task<TemplateDto> UpdateTemplateAsync(string template, UpdateTemplateRequest request, CancellationToken ct = default) =>
        SendAsync<TemplateDto>(HttpMethod.Patch, $"api/v1/templates/{Uri.EscapeDataString(template)}", request, ct);
    public Task<TemplateVersionDto> PublishTemplateVersionAsync(string template, PublishTemplateVersionRequest request, CancellationToken ct = default) =>
        SendAsync<TemplateVersionDto>(HttpMethod.Post, $"api/v1/templates/{Uri.EscapeDataString(template)}/versions", request, ct);
    public Task<TemplateVersionDto> VetTemplateVersionAsync(string template, string version, CancellationToken ct = default) =>
        SendAsync<TemplateVersionDto>(HttpMethod.Post, $"api/v1/templates/{Uri.EscapeDataString(template)}/versions/{Uri.EscapeDataString(version)}/vet", null, ct);
    public Task<TemplateVersionDto> DeprecateTemplateVersionAsync(string template, string version, CancellationToken ct = default) =>
        SendAsync<TemplateVersionDto>(HttpMethod.Post, $"api/v1/templates/{Uri.EscapeDataString(template)}/versions/{Uri.EscapeDataString(version)}/deprecate", null, ct);

    public Task<ServicePreviewDto> PreviewServiceAsync(CreateServiceRequest request, CancellationToken ct = default) =>
        SendAsync<ServicePreviewDto>(HttpMethod.Post, "api/v1/services?dryRun=true", request, ct);
    public Task<CreatedServiceDto> CreateServiceAsync(CreateServiceRequest request, CancellationToken ct = default) =>
        SendAsync<CreatedServiceDto>(HttpMethod.Post, "api/v1/services", request, ct);
    public Task<ServiceDto> ServiceAsync(string name, CancellationToken ct = default) => GetAsync<ServiceDto>($"api/v1/services/{Uri.EscapeDataString(name)}", ct);
    public Task<ServiceDto> UpdateServiceAsync(string name, UpdateServiceRequest request, CancellationToken ct = default) =>
        SendAsync<ServiceDto>(HttpMethod.Patch, $"api/v1/services/{Uri.EscapeDataString(name)}", request, ct);
    public Task<ServiceQuotasDto> ServiceQuotasAsync(string name, CancellationToken ct = default) =>
        GetAsync<ServiceQuotasDto>($"api/v1/services/{Uri.EscapeDataString(name)}/quotas", ct);
    public Task<ServiceQuotasDto> SetServiceQuotasAsync(string name, SetServiceQuotasRequest request, CancellationToken ct = default) =>
        SendAsync<ServiceQuotasDto>(HttpMethod.Put, $"api/v1/services/{Uri.EscapeDataString(name)}/quotas", request, ct);
    public Task<SourceRevisionDto> SourceAsync(string name, CancellationToken ct = default) =>
        GetAsync<SourceRevisionDto>($"api/v1/services/{Uri.EscapeDataString(name)}/source", ct);

    public Task<RepositoryDto> RepositoryAsync(string name, CancellationToken ct = default) =>
        GetAsync<RepositoryDto>($"api/v1/services/{Uri.EscapeDataString(name)}/repository", ct);
    public Task<TemplateUpdateDto> TemplateUpdateAsync(string name, CancellationToken ct = default) =>
        GetAsync<TemplateUpdateDto>($"api/v1/services/{Uri.EscapeDataString(name)}/template-update", ct);
    public Task<AppliedTemplateUpdateDto> ApplyTemplateUpdateAsync(string name, ApplyTemplateUpdateRequest request, CancellationToken ct = default) =>
        SendAsync<AppliedTemplateUpdateDto>(HttpMethod.Post, $"api/v1/services/{Uri.EscapeDataString(name)}/template-update", request, ct);

    public Task<List<ServiceMetricsDto>> ServiceMetricsAsync(string name, CancellationToken ct = default) =>
        GetAsync<List<ServiceMetricsDto>>($"api/v1/services/{Uri.EscapeDataString(name)}/metrics", ct);

    public Task<List<VariableDto>> VariablesAsync(string service, CancellationToken ct = default) =>
        GetAsync<List<VariableDto>>($"api/v1/services/{Uri.EscapeDataString(service)}/variables", ct);
    public Task SetVariableAsync(string service, string name, string value, bool secret = false, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/services/{Uri.EscapeDataString(service)}/variables/{Uri.EscapeDataString(name)}", new SetVariableRequest(value, secret), ct);

    public Task DeleteVariableAsync(string service, string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/services/{Uri.EscapeDataString(service)}/variables/{Uri.EscapeDataString(name)}", null, ct);

    /// <summary>Every version of the service, newest first (page after page).</summary>
    public Task<List<ComponentVersionDto>> VersionsAsync(string service, CancellationToken ct = default) =>
        AllPagesAsync<ComponentVersionDto>($"api/v1/services/{Uri.EscapeDataString(service)}/versions?limit=500", ct);
    public Task<ComponentVersionDto> PublishVersionAsync(string service, string version, byte[] component, string? manifest, CancellationToken ct = default)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(version), "version" },
            { new ByteArrayContent(component) { Headers = { ContentType = new MediaTypeHeaderValue("application/wasm") } }, "component", "service.wasm" },
        };
        if (manifest is not null) form.Add(new StringContent(manifest), "manifest");
        return SendContentAsync<ComponentVersionDto>(HttpMethod.Post, $"api/v1/services/{Uri.EscapeDataString(service)}/versions", form, ct);
    }
    public async Task<byte[]> DownloadComponentAsync(string service, string version, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"api/v1/services/{Uri.EscapeDataString(service)}/versions/{Uri.EscapeDataString(version)}/component", ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    public Task<List<BuildDto>> BuildsAsync(string service, CancellationToken ct = default) =>
        GetAsync<List<BuildDto>>($"api/v1/services/{Uri.EscapeDataString(service)}/builds", ct);
    public Task<BuildDto> StartBuildAsync(string service, CancellationToken ct = default) =>
        SendAsync<BuildDto>(HttpMethod.Post, $"api/v1/services/{Uri.EscapeDataString(service)}/builds", null, ct);
    public Task<BuildDto> BuildAsync(Guid id, CancellationToken ct = default) => GetAsync<BuildDto>($"api/v1/builds/{id}", ct);
    public Task<BuildLogDto> BuildLogAsync(Guid id, int offset = 0, CancellationToken ct = default) =>
        GetAsync<BuildLogDto>($"api/v1/builds/{id}/logs?offset={offset}", ct);

    /// <summary>Every enrolled node by name (page after page).</summary>
    public Task<List<NodeDto>> NodesAsync(CancellationToken ct = default) => AllPagesAsync<NodeDto>("api/v1/nodes?limit=500", ct);
    public Task<List<AuditEntryDto>> AuditAsync(string? target = null, CancellationToken ct = default) =>
        GetAsync<List<AuditEntryDto>>(target is null ? "api/v1/audit" : $"api/v1/audit?target={Uri.EscapeDataString(target)}", ct);

    private Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    private Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct) =>
        SendContentAsync<T>(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: Json), ct);

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
    }

    private async Task<T> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        ApiProblem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try { problem = await response.Content.ReadFromJsonAsync<ApiProblem>(Json, ct); }
            catch (JsonException) { problem = null; }
        }
        throw new PlatformApiException(response.StatusCode, problem ?? new ApiProblem(response.ReasonPhrase, null, (int)response.StatusCode, null, null));
    }
}
