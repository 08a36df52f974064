using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Client;
using Platform.Testing;

namespace Platform.Api.Tests.Support;

/// <summary>The real API on a real, freshly migrated PostgreSQL database.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string EnrolmentToken = "test-enrolment-token";

    public PostgresDatabase Database { get; } = new();

    public async Task InitializeAsync() => await Database.InitializeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Platform", Database.ConnectionString);
        builder.UseSetting("Edge:EnrolmentToken", EnrolmentToken);
        builder.UseEnvironment("Testing");
    }

    /// <summary>A client without credentials.</summary>
    public PlatformClient Anonymous() => new(CreateClient());

    /// <summary>A client signed in as one of the demo people (admin, alice, bob).</summary>
    public async Task<PlatformClient> SignInAsync(string user)
    {
        var client = Anonymous();
        var session = await client.SignInAsync(user, "platform-demo");
        return client.WithToken(session.Token);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
