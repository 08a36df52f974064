using Platform.EdgeRuntime.KeyValue;

namespace Platform.EdgeRuntime.Tests.Execution;

/// <summary>
/// One service's store written from every guest worker at once (each write an IMMEDIATE transaction under the file's write
/// lock): every write lands once, and a tenant racing its quota from many threads gets exactly what it allows.
/// </summary>
public sealed class KeyValueConcurrencyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kv-concurrency-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Set_FromEightThreadsAtOnce_RacingTheQuota_ExactlyWhatItAllowsIsStored()
    {
        var store = new SqliteKeyValueStore(Path.Combine(_directory, "racing.sqlite"));
        // Every entry is a 3-byte key and a 97-byte value: the quota holds exactly 100 of them.
        const int entryBytes = 100, fits = 100;
        var value = new byte[entryBytes - 3];
        using var start = new Barrier(8);
        var accepted = 0;
        var writers = Enumerable.Range(0, 8).Select(thread => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    store.Set("default", $"{thread}{i:00}", value, quotaBytes: fits * entryBytes);
                    Interlocked.Increment(ref accepted);
                }
                catch (KeyValueQuotaExceededException)
                {
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writers);

        Assert.Equal(fits, accepted);
        Assert.Equal(fits, store.ListKeys("default").Count);
        Assert.Equal(fits * entryBytes, store.UsedBytes());
    }

    [Fact]
    public async Task SetAndDelete_InterleavedFromFourThreads_EveryKeyEndsAsItsLastWriteLeftIt()
    {
        var store = new SqliteKeyValueStore(Path.Combine(_directory, "interleaved.sqlite"));
        var writers = Enumerable.Range(0, 4).Select(thread => Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                store.Set("default", $"t{thread}-{i}", [(byte)i]);
                if (i % 2 == 1) store.Delete("default", $"t{thread}-{i}");
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writers);

        var keys = store.ListKeys("default");
        Assert.Equal(4 * 25, keys.Count);
        Assert.All(keys, k => Assert.Equal(0, int.Parse(k.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) % 2));
        Assert.Equal(4 * 25 * 1 + keys.Sum(k => System.Text.Encoding.UTF8.GetByteCount(k)), store.UsedBytes());
    }
}
