using System.Text;
using Microsoft.Data.Sqlite;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Execution;

/// <summary>A tenant filling its key-value store: refused beyond its quota, nothing else is hurt.</summary>
[Collection(EdgeCollection.Name)]
public sealed class KeyValueQuotaTests(EdgeFixture edge)
{
    private const long Quota = 10_000;
    private static readonly CapabilitiesDto DefaultStore = new([], ["default"], new Dictionary<string, string>());
    private static readonly LimitsDto Limited = LimitsDto.Default with { KeyValueBytes = Quota };

    [Fact]
    public void Set_BeyondQuota_FailsInTheGuestAndWritesNothing()
    {
        var filler = edge.Load("kv-bytes", DefaultStore, Limited, service: "kv-quota-full");

        var first = Send(filler, "PUT", "/a?size=4000");
        var second = Send(filler, "PUT", "/b?size=4000");
        var refused = Send(filler, "PUT", "/c?size=4000");
        var missing = Send(filler, "GET", "/c");
        var read = Send(filler, "GET", "/a");

        Assert.Equal((204, 204), (first.Status, second.Status));
        Assert.Equal(507, refused.Status);
        Assert.Equal("key-value store 'default': key-value quota of 10000 bytes exceeded: 8002 bytes stored, this write needs 4001 more",
            Encoding.UTF8.GetString(refused.Body));
        Assert.Equal(404, missing.Status);
        Assert.Equal((200, "4000"), (read.Status, Encoding.UTF8.GetString(read.Body)));
    }

    [Fact]
    public void Set_AfterDeleteOrShrink_FitsAgain()
    {
        var filler = edge.Load("kv-bytes", DefaultStore, Limited, service: "kv-quota-freed");
        Send(filler, "PUT", "/a?size=4000");
        Send(filler, "PUT", "/b?size=4000");

        var refused = Send(filler, "PUT", "/c?size=4000");
        var shrunk = Send(filler, "PUT", "/b?size=10");
        var deleted = Send(filler, "DELETE", "/a");
        var fits = Send(filler, "PUT", "/c?size=4000");

        Assert.Equal(507, refused.Status);
        Assert.Equal((204, 204, 204), (shrunk.Status, deleted.Status, fits.Status));
        Assert.Equal((1 + 10) + (1 + 4000), new KeyValueStoreProvider(edge.DataDirectory).ForService("kv-quota-freed").UsedBytes());
    }

    [Fact]
    public void Set_NeighbourFull_OtherServiceStillWrites()
    {
        var full = edge.Load("kv-bytes", DefaultStore, Limited, service: "kv-quota-hog");
        var neighbour = edge.Load("kv-bytes", DefaultStore, Limited, service: "kv-quota-neighbour");
        Send(full, "PUT", "/a?size=9000");

        var hogRefused = Send(full, "PUT", "/b?size=2000");
        var neighbourWrite = Send(neighbour, "PUT", "/a?size=9000");
        var neighbourRead = Send(neighbour, "GET", "/a");

        Assert.Equal(507, hogRefused.Status);
        Assert.Equal(204, neighbourWrite.Status);
        Assert.Equal("9000", Encoding.UTF8.GetString(neighbourRead.Body));
    }

    [Fact]
    public void Open_FileFromBeforeTheUsageCount_CountsExistingRowsOnce()
    {
        var path = Path.Combine(edge.DataDirectory, "legacy-" + Guid.NewGuid().ToString("N") + ".sqlite");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE kv (store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store, key)) WITHOUT ROWID;
                INSERT INTO kv VALUES ('default', 'ké', zeroblob(100)), ('other', 'k', zeroblob(50));
                """;
            command.ExecuteNonQuery();
        }

        var store = new SqliteKeyValueStore(path);
        var counted = store.UsedBytes();
        store.Set("default", "ké", new byte[10]);
        var reopened = new SqliteKeyValueStore(path).UsedBytes();

        Assert.Equal(3 + 100 + 1 + 50, counted);
        Assert.Equal(3 + 10 + 1 + 50, reopened);
    }

    private EdgeResponse Send(LoadedVersion version, string method, string uri) =>
        edge.Executor.Execute(version, new EdgeRequest(method, uri, [new("host", "edge.test")], []), Guid.NewGuid().ToString("N"));
}
