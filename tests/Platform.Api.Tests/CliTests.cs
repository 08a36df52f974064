using Platform.Api.Tests.Support;
using Platform.Cli;
using Platform.Contracts.Identity;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>The `platform` CLI against the real API over HTTP, with its credentials in a file of its own.</summary>
public sealed class CliTests(ApiFactory api) : ApiTest(api)
{
    private readonly string _credentials = Path.Combine(Directory.CreateTempSubdirectory("platform-cli-").FullName, "credentials.json");

    private async Task<(int Exit, string Output, string Error)> RunWithAsync(string input, string? token, params string[] args)
    {
        var environment = new CliEnvironment(null, token, _credentials, () => new SocketsHttpHandler(), new StringReader(input));
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await PlatformCli.RunAsync(["--api", Api.ServerAddress.ToString(), .. args], environment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunWithAsync("", null, args);

    [Fact]
    public async Task Login_PasswordFromStdin_SavesAnOwnerOnlySession_LaterCommandsUseIt_LogoutRevokesIt()
    {
        var login = await RunWithAsync("platform-demo\n", null, "login", "--user", "alice", "--password-stdin");
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(_credentials);
        var whoami = await RunAsync("whoami");
        var saved = Credentials.Load(_credentials)!;
        var logout = await RunAsync("logout");
        var afterwards = await RunAsync("whoami");

        Assert.Equal(0, login.Exit);
        Assert.Contains("as alice", login.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.StartsWith("alice (Alice Developer) · teams payments", whoami.Output);
        Assert.Equal(0, logout.Exit);
        Assert.False(File.Exists(_credentials));
        var revoked = await Assert.ThrowsAsync<Platform.Client.PlatformApiException>(() => Api.Anonymous().WithToken(saved.Token).MeAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Equal(1, afterwards.Exit);
        Assert.Contains("Not signed in", afterwards.Error);
    }

    [Fact]
    public async Task Login_WrongPassword_Exit1WithTheApisReason_NothingSaved()
    {
        var login = await RunWithAsync("guess\n", null, "login", "--user", "alice", "--password-stdin");

        Assert.Equal(1, login.Exit);
        Assert.Contains("error: Sign-in failed: The user name or password is wrong.", login.Error);
        Assert.False(File.Exists(_credentials));
    }

    [Fact]
    public async Task PublishDeployAndInspect_WithACiToken_TablesAndRolloutShowIt()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("cli-hello", "payments"));
        var ci = await alice.CreateTokenAsync(new CreateTokenRequest("ci", ["read", "write"], 1));
        var wasm = Path.Combine(Path.GetDirectoryName(_credentials)!, "hello.wasm");
        var manifest = Path.Combine(Path.GetDirectoryName(_credentials)!, "platform.toml");
        await File.WriteAllBytesAsync(wasm, Components.Hello);
        await File.WriteAllTextAsync(manifest, "name = \"cli-hello\"\n[limits]\ndeadline_ms = 300\nmax_instances = 8\n");

        var publish = await RunWithAsync("", ci.Secret, "publish", "cli-hello", "1.0.0", "--component", wasm, "--manifest", manifest);
        var versions = await RunWithAsync("", ci.Secret, "versions", "cli-hello");
        var deploy = await RunWithAsync("", ci.Secret, "deploy", "cli-hello", "1.0.0", "--emergency", "first release from CI");
        var rollouts = await RunWithAsync("", ci.Secret, "rollouts", "cli-hello");
        var id = (await alice.RolloutsAsync("cli-hello")).Single().Id;
        var show = await RunWithAsync("", ci.Secret, "rollout", id.ToString());
        var services = await RunWithAsync("", ci.Secret, "services");

        Assert.True((0, 0, 0, 0, 0, 0) == (publish.Exit, versions.Exit, deploy.Exit, rollouts.Exit, show.Exit, services.Exit),
            publish.Error + versions.Error + deploy.Error + rollouts.Error + show.Error + services.Error);
        Assert.StartsWith("Published cli-hello 1.0.0 (sha256:", publish.Output);
        Assert.Contains("300ms/64MiB/x8", versions.Output);
        Assert.StartsWith($"Rollout {id} of cli-hello 1.0.0: pending.", deploy.Output);
        Assert.Contains(id.ToString(), rollouts.Output);
        Assert.Contains("(emergency: first release from CI)", show.Output);
        Assert.Contains("cli-hello", services.Output);
        Assert.StartsWith("NAME", services.Output);
        Assert.EndsWith("URL", services.Output.Split('\n')[0].TrimEnd());
    }

    [Fact]
    public async Task Publish_InvalidVersion_Exit1NamingTheField_NothingPublished()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("cli-bad", "payments"));
        await RunWithAsync("platform-demo\n", null, "login", "--user", "alice", "--password-stdin");
        var wasm = Path.Combine(Path.GetDirectoryName(_credentials)!, "hello.wasm");
        await File.WriteAllBytesAsync(wasm, Components.Hello);

        var publish = await RunAsync("publish", "cli-bad", "one", "--component", wasm);
        var missing = await RunAsync("publish", "cli-bad", "1.0.0", "--component", wasm + ".nope");

        Assert.Equal(1, publish.Exit);
        Assert.Contains("version:", publish.Error);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("does not exist", missing.Error);
        Assert.Empty(await alice.VersionsAsync("cli-bad"));
    }

    [Fact]
    public async Task NodeLabels_AdminSetsThem_NodesTableShowsThem_DeveloperRefused_MalformedPairRefused()
    {
        await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        var admin = await (await Api.SignInAsync("admin")).CreateTokenAsync(new CreateTokenRequest("ops", ["read", "write"], 1));
        var alice = await (await Api.SignInAsync("alice")).CreateTokenAsync(new CreateTokenRequest("dev", ["read", "write"], 1));

        var set = await RunWithAsync("", admin.Secret, "node-labels", "edge-a", "--region", "us-east", "tier=vault", "zone=b");
        var nodes = await RunWithAsync("", admin.Secret, "nodes");
        var refused = await RunWithAsync("", alice.Secret, "node-labels", "edge-a", "tier=edge");
        var malformed = await RunWithAsync("", admin.Secret, "node-labels", "edge-a", "tier");

        Assert.Equal(0, set.Exit);
        Assert.Equal("edge-a: region us-east, labels region=us-east,tier=vault,zone=b.", set.Output.Trim());
        Assert.Contains("region=us-east,tier=vault,zone=b", nodes.Output);
        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("error: ", refused.Error);
        Assert.Equal((1, "error: 'tier' is not a label: write key=value."), (malformed.Exit, malformed.Error.Trim()));
        Assert.Equal("vault", Assert.Single(await (await Api.SignInAsync("admin")).NodesAsync()).Labels!["tier"]);
    }

    [Fact]
    public async Task NodeAccept_AdminAcceptsTheClaim_NodesTableMovesItToLabels_DeveloperRefused_AgainRefused()
    {
        await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west", new Dictionary<string, string> { ["tier"] = "secure" });
        var admin = await (await Api.SignInAsync("admin")).CreateTokenAsync(new CreateTokenRequest("ops", ["read", "write"], 1));
        var alice = await (await Api.SignInAsync("alice")).CreateTokenAsync(new CreateTokenRequest("dev", ["read", "write"], 1));
        string[] Row(string table) => table.Split('\n').Single(l => l.StartsWith("edge-a ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var pending = await RunWithAsync("", admin.Secret, "nodes");
        var refused = await RunWithAsync("", alice.Secret, "node-accept", "edge-a");
        var noRegion = await RunWithAsync("", admin.Secret, "node-labels", "edge-a", "tier=edge");
        var accepted = await RunWithAsync("", admin.Secret, "node-accept", "edge-a");
        var after = await RunWithAsync("", admin.Secret, "nodes");
        var again = await RunWithAsync("", admin.Secret, "node-accept", "edge-a");

        Assert.Contains("CLAIMED", pending.Output);
        Assert.Equal(["edge-a", "-", "-", "region=eu-west,tier=secure"], Row(pending.Output)[..4]);
        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("error: ", refused.Error);
        Assert.Equal((1, "error: edge-a has no accepted region yet: give --region (or accept its claim: platform node-accept edge-a)."),
            (noRegion.Exit, noRegion.Error.Trim()));
        Assert.Equal((0, "edge-a: accepted region eu-west, labels region=eu-west,tier=secure."), (accepted.Exit, accepted.Output.Trim()));
        Assert.Equal(["edge-a", "eu-west", "region=eu-west,tier=secure", "-"], Row(after.Output)[..4]);
        Assert.Equal(1, again.Exit);
        Assert.Contains("no claimed labels awaiting acceptance", again.Error);
    }
}
