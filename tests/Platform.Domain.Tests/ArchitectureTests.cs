using System.Xml.Linq;

namespace Platform.Domain.Tests;

/// <summary>Keeps the dependency arrows of the solution honest, from the project files themselves.</summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string, string[]> AllowedProjectReferences => new()
    {
        // The domain reads and writes specs (a rollout strategy) in their one outside shape, the contract records: pure and
        // dependency-free as the domain (see PureProject_HasNoFrameworkOrInfrastructurePackages), so no arrow points back out.
        { "src/Platform.Domain/Platform.Domain.csproj", ["Platform.Contracts"] },
        { "src/Platform.Contracts/Platform.Contracts.csproj", [] },
        { "src/Platform.Client/Platform.Client.csproj", ["Platform.Contracts"] },
        { "src/Platform.EdgeRuntime/Platform.EdgeRuntime.csproj", ["Platform.Contracts"] },
        { "src/Platform.Data/Platform.Data.csproj", ["Platform.Domain"] },
        { "src/Platform.Telemetry/Platform.Telemetry.csproj", [] },
        { "src/Portal/Platform.Portal.csproj", ["Platform.Client", "Platform.Telemetry"] },
        { "src/EdgeNode/Platform.EdgeNode.csproj", ["Platform.Client", "Platform.EdgeRuntime", "Platform.Telemetry"] },
    };

    [Theory]
    [MemberData(nameof(AllowedProjectReferences))]
    public void Project_References_OnlyWhatItsLayerMayUse(string project, string[] allowed)
    {
        var references = Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .Order(StringComparer.Ordinal);
        Assert.Equal(allowed.Order(StringComparer.Ordinal), references);
    }

    [Theory]
    [InlineData("src/Platform.Domain/Platform.Domain.csproj")]
    [InlineData("src/Platform.Contracts/Platform.Contracts.csproj")]
    public void PureProject_HasNoFrameworkOrInfrastructurePackages(string project)
    {
        var xml = Load(project);
        var packages = xml.Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value).ToList();
        Assert.DoesNotContain(packages, p => p.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || p.StartsWith("Npgsql", StringComparison.Ordinal) || p.StartsWith("Hangfire", StringComparison.Ordinal));
        Assert.Empty(xml.Descendants("FrameworkReference"));
    }

    private static XDocument Load(string project)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, project);
            if (File.Exists(path)) return XDocument.Load(path);
        }
        throw new FileNotFoundException(project);
    }
}
