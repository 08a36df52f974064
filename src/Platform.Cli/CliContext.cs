using Platform.Client;

namespace Platform.Cli;

/// <summary>One invocation: where output goes, which API it talks to and as whom.</summary>
public sealed class CliContext(CliEnvironment environment, string? apiOption, TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public CliEnvironment Environment { get; } = environment;

    public Credentials? Saved { get; } = Credentials.Load(environment.CredentialsPath);

    /// <summary>The trace this invocation's requests join.</summary>
    public CliTrace Trace { get; } = CliTrace.Join(environment.TraceParent);

    public string ApiUrl => (apiOption ?? Environment.ApiUrl ?? Saved?.ApiUrl ?? CliEnvironment.DefaultApiUrl).TrimEnd('/');

    /// <summary>A client without credentials (signing in).</summary>
    public PlatformClient Anonymous() =>
        new(new HttpClient(Trace.Around(Environment.Handler())) { BaseAddress = new Uri(ApiUrl + "/"), Timeout = TimeSpan.FromSeconds(100) });

    /// <summary>A client with the caller's token: PLATFORM_TOKEN, else the saved sign-in for this API.</summary>
    /// <exception cref="CliException">Nobody is signed in for this API.</exception>
    public PlatformClient Client()
    {
        var token = Environment.Token
            ?? (Saved is { } saved && saved.ApiUrl.TrimEnd('/') == ApiUrl ? saved.Token : null)
            ?? throw new CliException($"Not signed in to {ApiUrl}: run 'platform login' or set PLATFORM_TOKEN.");
        return Anonymous().WithToken(token);
    }
}
