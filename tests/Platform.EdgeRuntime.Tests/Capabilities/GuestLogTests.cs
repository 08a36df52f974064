using System.Text;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Capabilities;

/// <summary>
/// platform:edge/log: a guest's line becomes a structured log entry of the node at the guest's level, with service, version
/// and request id; below the node's level nothing is logged; a line is cut at 4,096 characters however long the guest made it.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class GuestLogTests(EdgeFixture edge) : IDisposable
{
    private readonly CapturingProvider _captured = new();
    private readonly ILoggerFactory _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information));
    private readonly HttpClient _outbound = new();

    private LoadedVersion Chatty()
    {
        _loggers.AddProvider(_captured);
        var loader = new VersionLoader(edge.Engine, new KeyValueStoreProvider(edge.DataDirectory), _outbound, _loggers);
        var bytes = edge.Components.Bytes("chatty");
        var digest = ComponentDigest.Compute(bytes);
        return loader.Load("chatty", new VersionAssignmentDto("2.1.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default),
            edge.Cache.Load(digest, bytes));
    }

    private EdgeResponse Log(LoadedVersion chatty, string level, string message, string requestId = "req-log") =>
        edge.Executor.Execute(chatty, new EdgeRequest("POST", $"/chatty/{level}", [new("content-type", "text/plain")], Encoding.UTF8.GetBytes(message)), requestId);

    [Fact]
    public void Write_AtOrAboveTheNodesLevel_LoggedWithServiceVersionAndRequestId_BelowItNothing()
    {
        var chatty = Chatty();

        Assert.Equal(204, Log(chatty, "warn", "disk almost full ✓", "req-warn").Status);
        Assert.Equal(204, Log(chatty, "debug", "not for a node at info").Status);
        Assert.Equal(204, Log(chatty, "info", "handled").Status);
        Assert.Equal(204, Log(chatty, "error", "").Status);

        Assert.Equal(
            [(LogLevel.Warning, "disk almost full ✓", "req-warn"), (LogLevel.Information, "handled", "req-log"), (LogLevel.Error, "", "req-log")],
            _captured.Entries.Select(e => (e.Level, e.State["GuestMessage"], e.State["RequestId"])));
        Assert.All(_captured.Entries, e => Assert.Equal(("chatty", "2.1.0"), (e.State["Service"], e.State["Version"])));
        Assert.Equal("[chatty 2.1.0 req-warn] disk almost full ✓", _captured.Entries[0].Text);
    }

    [Fact]
    public void Write_LongerThan4096Characters_IsCut_HoweverLong()
    {
        var chatty = Chatty();

        Log(chatty, "info", new string('x', LogCapability.MaxMessageLength));
        Log(chatty, "info", new string('✓', 5_000));
        Log(chatty, "info", new string('y', 1 << 20));

        var messages = _captured.Entries.Select(e => e.State["GuestMessage"]).ToList();
        Assert.Equal(new string('x', LogCapability.MaxMessageLength), messages[0]);
        Assert.Equal(new string('✓', LogCapability.MaxMessageLength) + "…", messages[1]);
        Assert.Equal(new string('y', LogCapability.MaxMessageLength) + "…", messages[2]);
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _outbound.Dispose();
    }

    private sealed record Entry(LogLevel Level, string Text, IReadOnlyDictionary<string, string?> State);

    private sealed class CapturingProvider : ILoggerProvider, ILogger
    {
        private readonly List<Entry> _entries = [];

        public IReadOnlyList<Entry> Entries
        {
            get
            {
                lock (_entries) return [.. _entries];
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            var entry = new Entry(logLevel, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString()));
            lock (_entries) _entries.Add(entry);
        }

        public void Dispose()
        {
        }
    }
}
