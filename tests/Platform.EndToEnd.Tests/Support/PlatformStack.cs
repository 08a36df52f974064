using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Platform.Client;
using Platform.Testing;
using Platform.Testing.Otlp;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>
/// The whole platform as real processes on loopback ports: a fresh database prepared by the real migrator,
/// then the API, the Deployer, the portal and two edge nodes, each started from its build output, plus an
/// OpenID Connect provider the API and the portal trust for single sign-on, an OTLP receiver every process exports
/// its traces, metrics and logs to (<see cref="Telemetry"/>), and a nats-server with JetStream for topics (<see cref="Nats"/>).
/// </summary>
public sealed class PlatformStack : IAsyncLifetime
{
    public const string EnrolmentToken = "e2e-enrolment-token";
    public const string SingleSignOnName = "Acme SSO";
    private static readonly string Configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
    private readonly Dictionary<string, PlatformProcess> _processes = new(StringComparer.Ordinal);
    private readonly string _database = $"platform_e2e_{Guid.NewGuid():N}"[..29];
    private readonly string _logs;

    public PlatformStack() => _logs = Artifacts.Logs(_database);

    public string ApiUrl { get; } = Url(FreePorts.Next());
    public string PortalUrl { get; } = Url(FreePorts.Next());

    /// <summary>Where the portal links traces (no viewer runs there: the tests read the OTLP receiver).</summary>
    public const string TraceViewerUrl = "http://trace-viewer.invalid";
    public string DeployerUrl { get; } = Url(FreePorts.Next());
    public IReadOnlyList<string> EdgeUrls { get; } = [Url(FreePorts.Next()), Url(FreePorts.Next())];
    private string ConnectionString => PostgresServer.ConnectionString(_database);

    public TestIdentityProvider IdentityProvider { get; private set; } = null!;

    /// <summary>What every process of the stack exported over OTLP/HTTP.</summary>
    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>The broker of topics and events, the machine's nats-server.</summary>
    public NatsServer Nats { get; } = new();

    public async Task InitializeAsync()
    {
        await PostgresServer.ExecuteAsync($"CREATE DATABASE {_database}");
        Telemetry = await OtlpReceiver.StartAsync();
        await Nats.InitializeAsync();
        RunMigrator();
        IdentityProvider = await TestIdentityProvider.StartAsync();
        var common = new Dictionary<string, string>(Telemetry.ExporterSettings)
        {
            ["Auth__Oidc__Authority"] = IdentityProvider.Issuer,
            ["Auth__Oidc__ClientId"] = "platform-portal",
            ["Auth__Oidc__RequireHttpsMetadata"] = "false",
            ["Auth__Oidc__DisplayName"] = SingleSignOnName,
            ["ConnectionStrings__Platform"] = ConnectionString,
            ["Edge__EnrolmentToken"] = EnrolmentToken,
            ["Nats__Url"] = Nats.Url,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Information",
            // Every test signs in from 127.0.0.1; the sign-in limit is tested in the API tests.
            ["Auth__SignInAttemptsPerMinute"] = "100000",
        };
        Start("api", "src/Platform.Api", "Platform.Api", common, ("ASPNETCORE_URLS", ApiUrl),
            ("Git__RepositoriesPath", Path.Combine(Path.GetTempPath(), _database, "repositories")));
        Start("deployer", "src/Deployer", "Platform.Deployer", common, ("ASPNETCORE_URLS", DeployerUrl), ("Build__ToolsRoot", RepositoryPaths.Tools));
        Start("portal", "src/Portal", "Platform.Portal", common, ("ASPNETCORE_URLS", PortalUrl), ("Platform__ApiUrl", ApiUrl),
            ("TraceViewer__TraceUrl", TraceViewerUrl + "/traces/detail/{traceId}"));
        for (var i = 0; i < EdgeUrls.Count; i++)
        {
            var name = $"edge-{i + 1}";
            Start(name, "src/EdgeNode", "Platform.EdgeNode", common, ("ASPNETCORE_URLS", EdgeUrls[i]),
                ("Node__Name", name), ("Node__Region", i == 0 ? "eu-west" : "us-east"), ("Node__PublicUrl", EdgeUrls[i]),
                ("Node__DataDir", Path.Combine(Path.GetTempPath(), _database, name)),
                ("ControlPlane__Url", ApiUrl), ("ControlPlane__EnrolmentToken", EnrolmentToken));
        }
        foreach (var url in new[] { ApiUrl, PortalUrl }) await WaitForHealthAsync(url);
        await WaitForEdgeNodesAsync();
    }

    /// <summary>Waits until every edge node answers its health check and heartbeats (after a start or a <see cref="Restart"/>).</summary>
    public async Task WaitForEdgeNodesAsync()
    {
        foreach (var url in EdgeUrls) await WaitForHealthAsync(url);
        var admin = await SignInAsync("admin");
        await Eventually.UntilAsync(async () => (await admin.NodesAsync()).Count(n => n.Online),
            online => online == EdgeUrls.Count, TimeSpan.FromSeconds(60), "both edge nodes enrolling and heartbeating");
    }

    public async Task<PlatformClient> SignInAsync(string user)
    {
        var client = new PlatformClient(new HttpClient { BaseAddress = new Uri(ApiUrl) });
        var session = await client.SignInAsync(user, "platform-demo");
        return client.WithToken(session.Token);
    }

    public PlatformProcess Process(string name) => _processes[name];

    /// <summary>Kills a process like a crash would and starts it again with the same settings.</summary>
    public void Restart(string name, Action? whileDown = null)
    {
        var (project, assembly, environment) = _started[name];
        _processes[name].Dispose();
        whileDown?.Invoke();
        Start(name, project, assembly, environment);
    }

    private readonly Dictionary<string, (string Project, string Assembly, Dictionary<string, string> Environment)> _started = new(StringComparer.Ordinal);

    private void Start(string name, string project, string assembly, Dictionary<string, string> common, params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(common);
        foreach (var (key, value) in settings) environment[key] = value;
        Start(name, project, assembly, environment);
    }

    private void Start(string name, string project, string assembly, Dictionary<string, string> environment)
    {
        var projectDir = Path.Combine(RepositoryPaths.Root, project);
        var dll = Path.Combine(projectDir, "bin", Configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing; build Platform.sln first.");
        _started[name] = (project, assembly, environment);
        _processes[name] = new PlatformProcess(name, dll, projectDir, environment, _logs);
    }

    private void RunMigrator()
    {
        var dll = Path.Combine(RepositoryPaths.Root, "migrations", "bin", Configuration, "net10.0", "Platform.Migrations.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--demo", "true", "--templates", RepositoryPaths.Templates, "--sdk", RepositoryPaths.Sdk])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Platform"] = ConnectionString },
        };
        foreach (var (key, value) in Telemetry.ExporterSettings)
        {
            start.Environment[key] = value;
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        File.WriteAllText(Path.Combine(_logs, "migrator.log"), output.Result + error.Result);
        if (process.ExitCode != 0) throw new InvalidOperationException($"The migrator failed:\n{output.Result}{error.Result}");
    }

    private async Task WaitForHealthAsync(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var path = baseUrl == PortalUrl ? "/signin" : "/healthz";
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + path)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            var exited = _processes.Values.FirstOrDefault(p => p.HasExited);
            if (exited is not null) throw new InvalidOperationException($"{exited.Name} exited during start-up:\n{File.ReadAllText(exited.LogPath)}");
            await Task.Delay(250);
        }
        throw new TimeoutException($"{baseUrl}{path} did not answer; logs in {_logs}");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes.Values) process.Dispose();
        if (IdentityProvider is not null) await IdentityProvider.DisposeAsync();
        if (Telemetry is not null) await Telemetry.DisposeAsync();
        await Nats.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private static string Url(int port) => $"http://127.0.0.1:{port}";

}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<PlatformStack>
{
    public const string Name = "stack";
}
