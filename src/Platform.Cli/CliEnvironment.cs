namespace Platform.Cli;

/// <summary>
/// Where the CLI finds the API and the caller's credentials. The API URL comes from <c>--api</c>, else
/// <c>PLATFORM_API_URL</c>, else the saved sign-in, else http://127.0.0.1:5080; the token from
/// <c>PLATFORM_TOKEN</c> (CI jobs), else the saved sign-in in <see cref="CredentialsPath"/>.
/// </summary>
/// <param name="Handler">How requests are sent; tests pass their own, the process uses a fresh socket handler.</param>
/// <param name="Input">Where a password comes from with --password-stdin.</param>
public sealed record CliEnvironment(string? ApiUrl, string? Token, string CredentialsPath, Func<HttpMessageHandler> Handler, TextReader Input)
{
    /// <summary>How often --wait asks for a rollout's state.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public const string DefaultApiUrl = "http://127.0.0.1:5080";

    /// <summary>A W3C trace context to join (<c>TRACEPARENT</c>, as a CI pipeline that traces its steps sets it); see <see cref="CliTrace"/>.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Where the CLI exports its spans (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, OTLP over HTTP); see <see cref="CliTelemetry"/>.</summary>
    public string? OtlpEndpoint { get; init; }

    public static CliEnvironment FromProcess()
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new CliEnvironment(
            Environment.GetEnvironmentVariable("PLATFORM_API_URL"),
            Environment.GetEnvironmentVariable("PLATFORM_TOKEN"),
            Path.Combine(config, "platform", "credentials.json"),
            () => new SocketsHttpHandler(),
            Console.In)
        {
            TraceParent = Environment.GetEnvironmentVariable("TRACEPARENT"),
            OtlpEndpoint = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"),
        };
    }
}
