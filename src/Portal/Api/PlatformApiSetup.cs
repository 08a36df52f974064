namespace Platform.Portal.Api;

/// <summary>Registers the HTTP client of the Platform REST API (<c>Platform:ApiUrl</c>) and <see cref="PortalApi"/>.</summary>
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
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        services.AddScoped<PortalApi>();
        return services;
    }
}
