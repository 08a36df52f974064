namespace Platform.Api.Tests.Support;

/// <summary>Base of API tests: every test starts from an empty database with the demo seed and no streams.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ApiFactory api) : IAsyncLifetime
{
    protected ApiFactory Api { get; } = api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
