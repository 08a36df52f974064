using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Inspection;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Execution;

/// <summary>
/// A generated service keeps the SDK of the version it was generated with (platform/): the build script reads that SDK's
/// version and builds against that version of the world, so a service generated before 0.3.0 still builds, and serves,
/// unchanged; one with the current SDK builds for the current version.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class VendoredSdkTests(EdgeFixture edge) : IDisposable
{
    private readonly string _source = Directory.CreateTempSubdirectory("platform-vendored-").FullName;

    /// <summary>A service folder as the golden path makes one: its code in src/, the C SDK in platform/, pinned to <paramref name="version"/>.</summary>
    private string Service(string? version)
    {
        DirectoryCopy.Copy(Path.Combine(RepositoryPaths.Sdk, "c"), Path.Combine(_source, "platform"));
        if (version is not null)
        {
            // The SDK as it was vendored by a service of that version: its header defaults to that version.
            var header = Path.Combine(_source, "platform", "platform_edge.h");
            var text = File.ReadAllText(header);
            var current = $"#define PE_WIT_VERSION \"{PlatformWorld.Current}\"\n#define PE_WIT_MINOR {Version.Parse(PlatformWorld.Current).Minor}\n";
            Assert.Contains(current, text);
            File.WriteAllText(header, text.Replace(current, $"#define PE_WIT_VERSION \"{version}\"\n#define PE_WIT_MINOR {Version.Parse(version).Minor}\n"));
        }
        Directory.CreateDirectory(Path.Combine(_source, "src"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "components", "echo", "echo.c"), Path.Combine(_source, "src", "main.c"));
        return _source;
    }

    [Theory]
    [InlineData("0.2.0")]
    [InlineData(null)]
    public void Build_ServiceWithItsVendoredSdk_BuildsForThatSdksVersionAndServes(string? vendored)
    {
        var bytes = WasmBuilder.Build(Service(vendored));

        var version = vendored ?? PlatformWorld.Current;
        Assert.Contains($"platform:edge/handler@{version}", ComponentInspector.Inspect(bytes).ExportNames);
        var digest = ComponentDigest.Compute(bytes);
        var loaded = edge.Loader.Load("vendored", new VersionAssignmentDto("1.0.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default),
            edge.Cache.Load(digest, bytes));
        var body = Encoding.UTF8.GetBytes("{\"built\":\"" + version + "\"}");
        var response = edge.Executor.Execute(loaded, new EdgeRequest("POST", "/vendored", [], body), "req-vendored");
        Assert.Equal(200, response.Status);
        Assert.Equal(body, response.Body);
    }

    public void Dispose() => Directory.Delete(_source, recursive: true);
}
