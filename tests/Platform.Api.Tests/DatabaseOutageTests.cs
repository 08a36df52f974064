using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Api.Tests.Support;
using Platform.Data;
using Platform.Testing;

namespace Platform.Api.Tests;

/// <summary>
/// The API while PostgreSQL is unreachable (every connection dropped at once and new ones refused, as
/// in a restart): writes under load are answered 503 with Retry-After, never 500; readiness says why;
/// every write that was accepted is there afterwards, and the API serves again once the database is back.
/// </summary>
public sealed class DatabaseOutageTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Writes_DatabaseCutUnderLoad_503WithRetryAfterNever500AndEveryAcceptedWriteKept()
    {
        await using var cutter = new TcpCutter(int.Parse(PostgresServer.Port, System.Globalization.CultureInfo.InvariantCulture));
        var through = new NpgsqlConnectionStringBuilder(Api.Database.ConnectionString) { Port = cutter.Port, Timeout = 3 }.ConnectionString;
        await using var host = Api.WithSettings(("ConnectionStrings:Platform", through));
        using var http = host.CreateClient();
        var token = (await new Platform.Client.PlatformClient(host.CreateClient()).SignInAsync("alice", "platform-demo")).Token;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answers = new List<(string Name, HttpStatusCode Status, string? RetryAfter)>();
        var cutDone = new TaskCompletionSource();
        var next = 0;
        async Task WriterAsync()
        {
            // Each writer keeps writing until the outage is over and it has written twice more.
            var afterRestore = 0;
            while (afterRestore < 2)
            {
                var name = $"outage-{Interlocked.Increment(ref next)}";
                var restored = cutDone.Task.IsCompleted;
                using var response = await http.PostAsJsonAsync("/api/v1/services", new { name, team = "payments" });
                lock (answers)
                {
                    answers.Add((name, response.StatusCode, response.Headers.RetryAfter?.ToString()));
                }
                if (restored && response.StatusCode == HttpStatusCode.Created)
                {
                    afterRestore++;
                }
            }
        }

        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(WriterAsync)).ToList();
        await WaitUntilAsync(() => Count(HttpStatusCode.Created) >= 10);
        cutter.Cut();
        await WaitUntilAsync(() => Count(HttpStatusCode.ServiceUnavailable) >= 10);
        using (var notReady = await http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.NotNull(notReady.Headers.RetryAfter);
        }
        cutter.Restore();
        cutDone.SetResult();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        using var ready = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain(answers, a => a.Status == HttpStatusCode.InternalServerError);
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.Equal("2", a.RetryAfter));
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var stored = await db.Services.Where(s => s.Name.StartsWith("outage-")).Select(s => s.Name).ToListAsync();
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Created), a => Assert.Contains(a.Name, stored));

        int Count(HttpStatusCode status)
        {
            lock (answers)
            {
                return answers.Count(a => a.Status == status);
            }
        }
    }

    [Fact]
    public async Task Readyz_DatabaseReachable_ReadyAndLivezAlwaysLive()
    {
        using var http = Api.CreateClient();

        using var ready = await http.GetAsync("/readyz");
        using var live = await http.GetAsync("/livez");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"postgresql\":\"ok\"", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(60), "The awaited condition");
}
