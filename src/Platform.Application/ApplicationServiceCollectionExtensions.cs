using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Application.Auditing;
using Platform.Application.Builds;
using Platform.Application.Deployments;
using Platform.Application.Identity;
using Platform.Application.Jobs;
using Platform.Application.Nodes;
using Platform.Application.Registry;
using Platform.Application.Sources;
using Platform.Application.Templates;
using Platform.Data;
using Platform.Domain.Identity;

namespace Platform.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Data access and the application services every host shares.</summary>
    public static IServiceCollection AddPlatformApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)
            ?? throw new InvalidOperationException($"Connection string '{DataServiceCollectionExtensions.ConnectionStringName}' is not configured.");
        services.AddPlatformData(connectionString);
        services.AddSingleton(TimeProvider.System);
        services.Configure<EdgeOptions>(configuration.GetSection(EdgeOptions.Section));
        services.Configure<Quotas.QuotaOptions>(configuration.GetSection(Quotas.QuotaOptions.Section));
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<IComponentInspector, WasmComponentInspector>();
        services.AddScoped<AuditLog>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<PublishVersion>();
        services.AddScoped<BuildRequests>();
        services.AddScoped<RolloutStarter>();
        services.AddScoped<RolloutStrategies>();
        services.AddScoped<Settings.CapabilitySettingsStore>();
        services.AddScoped<Services.VariableVault>();
        services.AddDataProtection().SetApplicationName("Platform").PersistKeysToDbContext<PlatformDbContext>();
        services.AddScoped<TemplateSeeder>();
        services.AddScoped<JobScheduler>();
        services.Configure<GitOptions>(configuration.GetSection(GitOptions.Section));
        services.AddSingleton<GitProcess>();
        services.AddSingleton<GitCommitWriter>();
        services.AddSingleton<GitTreeReader>();
        services.AddSingleton<GitTextMerge>();
        services.AddSingleton<GitRepositories>();
        services.AddScoped<SourceSync>();
        services.AddScoped<SourceReconciliation>();
        return services;
    }
}
