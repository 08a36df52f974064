using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Platform";

    public static IServiceCollection AddPlatformData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<PlatformDbContext>(options => options.UsePlatformNpgsql(connectionString));
        return services;
    }

    public static DbContextOptionsBuilder UsePlatformNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Platform.Migrations"))
            .UseSnakeCaseNamingConvention();
}
