using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.Api.Tests.Support;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>Only smart-HTTP requests for known services are served; gzip request bodies from git clients are understood.</summary>
public sealed class GitProtocolTests(ApiFactory api) : ApiTest(api)
{
    private static readonly CreateServiceRequest Hello =
        new("hello-api", "payments", "http-json-c", null, "Says hello", new Dictionary<string, string?> { ["greeting"] = "Hello there" });

    [Theory]
    [InlineData("/git/hello-api.git/config")]
    [InlineData("/git/hello-api.git/objects/info/packs")]
    [InlineData("/git/HELLO-API.git/info/refs?service=git-upload-pack")]
    [InlineData("/git/hello-api.git/info/refs?service=git-upload-archive")]
    [InlineData("/git/..%2Fhello-api.git/info/refs?service=git-upload-pack")]
    [InlineData("/git/nothing.git/info/refs?service=git-upload-pack")]
    public async Task Get_AnythingButSmartHttpOfAKnownService_404(string path)
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        using var http = new HttpClient { BaseAddress = Api.ServerAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", alice.Token);

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Fetch_GzipRequestBody_InflatedAndAnsweredWithPack()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        var main = (await alice.Client.RepositoryAsync("hello-api")).MainCommit!;
        var body = new MemoryStream();
        await using (var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.ASCII.GetBytes($"0032want {main}\n00000009done\n"));
        using var http = new HttpClient { BaseAddress = Api.ServerAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", alice.Token);
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-git-upload-pack-request");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await http.PostAsync("/git/hello-api.git/git-upload-pack", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-git-upload-pack-result", response.Content.Headers.ContentType!.MediaType);
        var answer = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("0008NAK\nPACK", Encoding.ASCII.GetString(answer, 0, 12));
    }

    [Fact]
    public async Task OpenApi_DescribesRepositoryAndTemplateUpdate_NotTheGitProtocol()
    {
        using var http = new HttpClient { BaseAddress = Api.ServerAddress };

        var document = await http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/services/{name}/repository\"", document);
        Assert.Contains("\"/api/v1/services/{name}/template-update\"", document);
        Assert.DoesNotContain("/git/", document);
    }
}
