using Microsoft.Extensions.Logging;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.Inspection;
using Platform.EdgeRuntime.KeyValue;
using Wasmtime;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Turns a compiled component plus its assignment into a <see cref="LoadedVersion"/>: a linker
/// that defines only the granted capabilities (log and config always; key-value and
/// outbound-http only when stores / hosts are declared), checked by one trial instantiation so
/// a missing import is reported before the version receives traffic.
/// </summary>
public sealed class VersionLoader
{
    public const string ComponentExecutor = "component";

    private readonly EdgeEngine _engine;
    private readonly StoreFactory _stores;
    private readonly KeyValueStoreProvider _keyValue;
    private readonly HttpClient _outbound;
    private readonly ILoggerFactory _loggers;

    public VersionLoader(EdgeEngine engine, KeyValueStoreProvider keyValue, HttpClient outboundClient, ILoggerFactory loggers)
    {
        _engine = engine;
        _stores = new StoreFactory(engine);
        _keyValue = keyValue;
        _outbound = outboundClient;
        _loggers = loggers;
    }

    /// <exception cref="VersionLoadException">The version cannot run here; the message says why.</exception>
    public LoadedVersion Load(string service, VersionAssignmentDto assignment, CompiledComponent compiled)
    {
        if (!string.Equals(assignment.Executor, ComponentExecutor, StringComparison.OrdinalIgnoreCase))
        {
            throw new VersionLoadException($"Executor '{assignment.Executor}' is not supported by this node; it runs '{ComponentExecutor}' versions.");
        }
        var linker = CreateLinker(service, assignment);
        try
        {
            using var store = _stores.Create(assignment.Limits);
            var instance = linker.Instantiate(store, compiled.Component);
            if (instance.GetFunction(PlatformWorld.Handler, PlatformWorld.HandleFunction) is null)
            {
                throw new VersionLoadException($"The component does not export '{PlatformWorld.Handler}#{PlatformWorld.HandleFunction}'.");
            }
        }
        catch (WasmtimeException ex)
        {
            linker.Dispose();
            throw new VersionLoadException($"{service} {assignment.Version} cannot be instantiated: {ex.Message.Split('\n')[0]}", ex);
        }
        catch (VersionLoadException)
        {
            linker.Dispose();
            throw;
        }
        return new LoadedVersion(service, assignment, compiled, linker);
    }

    private ComponentLinker CreateLinker(string service, VersionAssignmentDto assignment)
    {
        var capabilities = assignment.Capabilities;
        var logger = _loggers.CreateLogger("Platform.Edge.Guest");
        var linker = new ComponentLinker(_engine.Engine);
        using var root = linker.Root();
        LogCapability.Define(root, logger, service, assignment.Version);
        ConfigCapability.Define(root, capabilities.Variables);
        if (capabilities.KeyValueStores.Count > 0)
        {
            KeyValueCapability.Define(root, _keyValue.ForService(service), capabilities.KeyValueStores, logger);
        }
        if (capabilities.AllowedOutboundHosts.Count > 0)
        {
            OutboundHttpCapability.Define(root, _outbound, new OutboundHostPolicy(capabilities.AllowedOutboundHosts), logger);
        }
        return linker;
    }
}
