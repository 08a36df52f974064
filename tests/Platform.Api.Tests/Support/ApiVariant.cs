using Microsoft.AspNetCore.Mvc.Testing;

namespace Platform.Api.Tests.Support;

/// <summary>
/// A second API host on the same database with settings of its own (see <see cref="ApiFactory.WithSettings"/>).
/// Hangfire keeps one static log provider, which every host replaces with its own; disposing this host hands it
/// back to the main one, or the next job the main host enqueues would log into a disposed logger factory.
/// </summary>
public sealed class ApiVariant(WebApplicationFactory<Program> host, Action restore) : IDisposable, IAsyncDisposable
{
    public HttpClient CreateClient() => host.CreateClient();

    public void Dispose()
    {
        host.Dispose();
        restore();
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        restore();
    }
}
