using Microsoft.Extensions.Http.Resilience;

namespace Platform.Portal.Api;

/// <summary>
/// Registers the HTTP client of the Platform REST API (<c>Platform:ApiUrl</c>) and <see cref="PortalApi"/>. Calls go
/// through .NET's standard resilience pipeline: a safe request (GET, HEAD, OPTIONS) that meets a transient failure (the API
/// unreachable, 408, 429, 5xx such as the 503 the API answers while its database is away) is retried up to three times with
/// exponential backoff and jitter, honouring Retry-After; writes are never retried (a write that may have been applied is the
/// user's to repeat); a circuit breaker stops hammering an API that keeps failing; each attempt and the whole call have timeouts.
/// </summary>
public static class PlatformApiSetup
{
    public const string HttpClientName = "platform-api";

    public static IServiceCollection AddPlatformApi(this IServiceCollection services, IConfiguration configuration)
    {
        var apiUrl = configuration["Platform:ApiUrl"];
        if (string.IsNullOrWhiteSpace(apiUrl) || !Uri.TryCreate(apiUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress))
            throw new InvalidOperationException("Set Platform:ApiUrl to the absolute URL of the Platform API, e.g. http://127.0.0.1:5080.");

        services.AddHttpClient(HttpClientName, http =>
        {
            http.BaseAddress = baseAddress;
            // The resilience pipeline's total timeout governs; this only backs it up.
            http.Timeout = TimeSpan.FromSeconds(75);
        }).AddStandardResilienceHandler(resilience =>
        {
            resilience.Retry.DisableForUnsafeHttpMethods();
            resilience.Retry.MaxRetryAttempts = 3;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
            resilience.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
            resilience.Retry.UseJitter = true;
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        });
        services.AddScoped<PortalApi>();
        return services;
    }
}
