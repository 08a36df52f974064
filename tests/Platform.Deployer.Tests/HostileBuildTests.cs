using Microsoft.EntityFrameworkCore;
using Platform.Domain.Builds;

namespace Platform.Deployer.Tests;

/// <summary>
/// Pushed sources that try to read the host through the compiler: each build fails saying the file was not found,
/// its log shows nothing of the file, and a healthy build right after it still succeeds.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class HostileBuildTests(DeployerFixture fixture) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(fixture.Services);
    private readonly string _neighbourCheckout = Path.Combine(Path.GetTempPath(), "platform-builds", $"{Guid.NewGuid():N}-1");

    public Task InitializeAsync() => fixture.Database.ResetAsync();

    public Task DisposeAsync()
    {
        if (Directory.Exists(_neighbourCheckout)) Directory.Delete(_neighbourCheckout, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("host")]
    [InlineData("deployer")]
    [InlineData("neighbour")]
    public async Task Run_IncludesAFileOutsideItsCheckout_FailsFileNotFound_ShowsNothingOfIt(string whose)
    {
        var (file, content) = whose switch
        {
            "host" => ("/etc/passwd", "root:x:0:0"),
            // A file of the Deployer itself (its dependency manifest, next to its binaries).
            "deployer" => (Path.Combine(AppContext.BaseDirectory, "Platform.Deployer.Tests.deps.json"), "runtimeTarget"),
            // Another service's checkout, where the Deployer puts builds that run at the same time.
            _ => (Path.Combine(_neighbourCheckout, "src", "secret.h"), "neighbour-secret-" + Guid.NewGuid().ToString("N")),
        };
        if (whose == "neighbour")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, $"#define SECRET \"{content}\"\nint not_c_at_all(\n");
        }
        Assert.Contains(content, await File.ReadAllTextAsync(file)); // the file is there for the Deployer

        var log = await BuildAsync("hostile-api", BuildStatus.Failed, $"#include \"{file}\"\n");

        Assert.Contains($"fatal error: '{file}' file not found", log);
        Assert.DoesNotContain(content, log);
        await BuildAsync("healthy-api", BuildStatus.Succeeded);
    }

    [Fact]
    public async Task Run_IncludesProcEnviron_TheDeployersEnvironmentNeverAppears()
    {
        var marker = "deployer-secret-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("PLATFORM_TEST_CONNECTION", marker);

        // clang reads /proc files as empty; inside the sandbox they describe the sandbox anyway (BuildSandboxTests reads them with cat).
        var log = await BuildAsync("environ-api", BuildStatus.Succeeded,
            "static const char self_env[] = {\n#include \"/proc/self/environ\"\n0 };\nstatic const char init_env[] = {\n#include \"/proc/1/environ\"\n0 };\n");

        Assert.DoesNotContain(marker, log);
        var digest = await _scenario.QueryAsync(db => db.ComponentVersions.Select(v => v.Digest).SingleAsync());
        var component = await _scenario.QueryAsync(db => db.Blobs.SingleAsync(b => b.Digest == digest));
        Assert.DoesNotContain(marker, System.Text.Encoding.Latin1.GetString(component.Content));
        await BuildAsync("healthy-api", BuildStatus.Succeeded);
    }

    private async Task<string> BuildAsync(string name, BuildStatus expected, string prepend = "")
    {
        var (_, buildId) = await _scenario.ServiceWithQueuedBuildAsync(name, files => files["src/main.c"] = prepend + files["src/main.c"]);
        await fixture.RunBuildAsync(buildId);
        var build = await _scenario.QueryAsync(db => db.Builds.SingleAsync(b => b.Id == buildId));
        Assert.True(build.Status == expected, build.Log);
        return build.Log;
    }
}
