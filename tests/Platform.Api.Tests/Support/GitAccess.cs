using Platform.Client;

namespace Platform.Api.Tests.Support;

/// <summary>A signed-in person with the token they would give git as a password.</summary>
public sealed record GitAccess(PlatformClient Client, string Token)
{
    public static async Task<GitAccess> SignInAsync(ApiFactory api, string user)
    {
        var client = api.Anonymous();
        var session = await client.SignInAsync(user, "platform-demo");
        return new GitAccess(client.WithToken(session.Token), session.Token);
    }

    /// <summary>The clone URL of a service with this token as the password, as the README tells people to use it.</summary>
    public string UrlOf(ApiFactory api, string service) =>
        new UriBuilder(api.ServerAddress) { UserName = "x", Password = Token, Path = $"/git/{service}.git" }.Uri.ToString();
}
