using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.Data;

namespace Platform.Migrations;

/// <summary>Lets <c>dotnet ef</c> build the model without a running database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        options.UsePlatformNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Platform") ?? "Host=127.0.0.1;Database=platform_design");
        return new PlatformDbContext(options.Options);
    }
}
