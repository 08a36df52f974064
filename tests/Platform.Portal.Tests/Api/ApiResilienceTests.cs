using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Portal.Api;

namespace Platform.Portal.Tests.Api;

/// <summary>The portal's client of the API (as registered in production) while the API answers 503 or cannot be reached.</summary>
public sealed class ApiResilienceTests
{
    [Fact]
    public async Task Get_ApiAnswers503ThenRecovers_RetriedAndSucceeds()
    {
        var api = new ScriptedApi(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var client = Client(api);

        using var response = await client.GetAsync("api/v1/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, api.Calls);
    }

    [Fact]
    public async Task Post_ApiAnswers503_NotRetried()
    {
        var api = new ScriptedApi(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created);
        using var client = Client(api);

        using var response = await client.PostAsync("api/v1/services", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, api.Calls);
    }

    [Fact]
    public async Task Get_ApiKeepsFailing_GivesUpAfterThreeRetries()
    {
        var api = new ScriptedApi(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 10).ToArray());
        using var client = Client(api);

        using var response = await client.GetAsync("api/v1/services");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, api.Calls);
    }

    private static HttpClient Client(ScriptedApi api)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Platform:ApiUrl"] = "http://api.test" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPlatformApi(configuration);
        services.AddHttpClient(PlatformApiSetup.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(PlatformApiSetup.HttpClientName);
    }

    /// <summary>Answers each call with the next status of its script (the last one from then on).</summary>
    private sealed class ScriptedApi(params HttpStatusCode[] script) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            var status = script[Math.Min(call, script.Length) - 1];
            var response = new HttpResponseMessage(status) { RequestMessage = request };
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMilliseconds(1));
            }
            return Task.FromResult(response);
        }
    }
}
