using Microsoft.Extensions.Logging;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution.Native;
using Platform.EdgeRuntime.Execution.Wagi;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.Inspection;
using Platform.EdgeRuntime.KeyValue;
using Wasmtime;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Turns a compiled artefact plus its assignment into a <see cref="LoadedVersion"/>, checked by
/// one trial instantiation so a missing import is reported before the version receives traffic.
/// Components get a linker with only the granted capabilities (log and config always; key-value,
/// outbound-http and publisher only when stores / hosts / publish topics are declared), under their names in every version of the world. WAGI modules get WASI preview 1 and
/// nothing else: no preopened directories, no network; config variables arrive as environment.
/// </summary>
public sealed class VersionLoader
{
    private readonly EdgeEngine _engine;
    private readonly StoreFactory _stores;
    private readonly KeyValueStoreProvider _keyValue;
    private readonly HttpClient _outbound;
    private readonly ILoggerFactory _loggers;
    private readonly WagiOptions _wagi;

    private readonly IEventPublisher? _publisher;
    private readonly TopicSchemaBook _schemas;

    /// <summary>The versions loaded with a way to reopen them that are in memory now (see <see cref="Load(string, VersionAssignmentDto, CompiledComponent, Func{CompiledComponent}?)"/>).</summary>
    public Residency Residency { get; }

    /// <param name="publisher">Where components' events go; null when the node has no broker (a publish is then an error in the guest).</param>
    /// <param name="schemas">The schemas events to topics are checked against (the node's, kept by the desired state); none when null.</param>
    /// <param name="residency">How many parkable versions stay in memory; <see cref="Residency.DefaultCapacity"/> when null.</param>
    public VersionLoader(EdgeEngine engine, KeyValueStoreProvider keyValue, HttpClient outboundClient, ILoggerFactory loggers, IEventPublisher? publisher = null,
        TopicSchemaBook? schemas = null, Residency? residency = null)
    {
        Residency = residency ?? new Residency();
        _publisher = publisher;
        _schemas = schemas ?? new TopicSchemaBook();
        _engine = engine;
        _stores = new StoreFactory(engine);
        _keyValue = keyValue;
        _outbound = outboundClient;
        _loggers = loggers;
        _wagi = new WagiOptions(engine.Options.MaxWagiOutputBytes);
    }

    /// <summary>
    /// Loads a version whose executor is "component". With <paramref name="reopen"/> (the compiled artefact read again from the
    /// disk cache, a new object each call) the version may be parked while idle (<see cref="Residency"/>) and runs on
    /// components and linkers of its own, released when it is parked; <paramref name="compiled"/> serves only the trial
    /// instantiation. Without, it runs on <paramref name="compiled"/> and stays in memory.
    /// </summary>
    /// <exception cref="VersionLoadException">The version cannot run here; the message says why.</exception>
    public LoadedVersion Load(string service, VersionAssignmentDto assignment, CompiledComponent compiled, Func<CompiledComponent>? reopen = null)
    {
        RequireExecutor(assignment, ExecutorNames.Component);
        var linker = CreateComponentLinker(service, assignment);
        try
        {
            using (var store = _stores.Create(assignment.Limits))
            {
                var instance = linker.Instantiate(store, compiled.Component);
                if (!PlatformWorld.InEveryVersion(PlatformWorld.Handler).Any(name => instance.GetFunction(name, PlatformWorld.HandleFunction) is not null))
                {
                    throw new VersionLoadException($"The component does not export '{PlatformWorld.Handler}#{PlatformWorld.HandleFunction}'.");
                }
            }
            // InvalidOperationException: the Wasmtime package no longer exposes the handles the direct call path needs.
            var executor = new ComponentExecutor(compiled, linker, _engine, assignment.Limits);
            if (assignment.Triggers is { Count: > 0 } && !executor.HandlesEvents)
            {
                throw new VersionLoadException($"The version has triggers but the component does not export '{PlatformWorld.Events}#{PlatformWorld.HandleFunction}'.");
            }
            if (reopen is null)
            {
                return new LoadedVersion(service, assignment, new ResidentExecutor(executor, load: null, residency: null));
            }
            linker.Dispose();
            ComponentExecutor Open()
            {
                CompiledComponent again;
                try
                {
                    again = reopen();
                }
                catch (Exception e) when (e is FileNotFoundException or WasmtimeException)
                {
                    throw new VersionLoadException($"{service} {assignment.Version} cannot be read from the compiled cache: {e.Message}", e);
                }
                return new ComponentExecutor(again, CreateComponentLinker(service, assignment), _engine, assignment.Limits, owns: true);
            }
            return new LoadedVersion(service, assignment, new ResidentExecutor(Open(), Open, Residency));
        }
        catch (Exception ex) when (ex is WasmtimeException or VersionLoadException or InvalidOperationException)
        {
            linker.Dispose();
            throw Refused(service, assignment, ex);
        }
    }

    /// <summary>Loads a version whose executor is "wagi" (a WASI preview 1 command).</summary>
    /// <exception cref="VersionLoadException">The version cannot run here; the message says why.</exception>
    public LoadedVersion Load(string service, VersionAssignmentDto assignment, CompiledModule compiled)
    {
        RequireExecutor(assignment, ExecutorNames.Wagi);
        var linker = new Linker(_engine.Engine);
        linker.DefineWasi();
        try
        {
            // Every store of this linker gets a WASI configuration (see StoreFactory).
            using var store = _stores.Create(assignment.Limits, new WasiConfiguration());
            var instance = linker.Instantiate(store, compiled.Module);
            if (instance.GetAction(WagiExecutor.StartFunction) is null)
            {
                throw new VersionLoadException($"The module does not export '{WagiExecutor.StartFunction}'; build it as a WASI command, not a reactor.");
            }
        }
        catch (Exception ex) when (ex is WasmtimeException or VersionLoadException)
        {
            linker.Dispose();
            throw Refused(service, assignment, ex);
        }
        var executor = new WagiExecutor(service, new DirectWagiCall(_engine, compiled.Module, linker, assignment.Limits), assignment, _wagi,
            _loggers.CreateLogger("Platform.Edge.Guest"));
        return new LoadedVersion(service, assignment, new ResidentExecutor(executor, load: null, residency: null));
    }

    private static void RequireExecutor(VersionAssignmentDto assignment, string expected)
    {
        ExecutorNames.RequireKnown(assignment.Executor);
        if (!string.Equals(assignment.Executor, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new VersionLoadException($"Version {assignment.Version} declares executor '{assignment.Executor}' but was compiled as a '{expected}' artefact.");
        }
    }

    private static VersionLoadException Refused(string service, VersionAssignmentDto assignment, Exception ex) => ex switch
    {
        VersionLoadException load => load,
        _ => new VersionLoadException($"{service} {assignment.Version} cannot be instantiated: {ex.Message.Split('\n')[0]}", ex),
    };

    private ComponentLinker CreateComponentLinker(string service, VersionAssignmentDto assignment)
    {
        var capabilities = assignment.Capabilities;
        var logger = _loggers.CreateLogger("Platform.Edge.Guest");
        var linker = new ComponentLinker(_engine.Engine);
        using var root = linker.Root();
        LogCapability.Define(root, logger, service, assignment.Version);
        ConfigCapability.Define(root, capabilities.Variables);
        if (capabilities.KeyValueStores.Count > 0)
        {
            KeyValueCapability.Define(root, _keyValue.ForService(service), capabilities.KeyValueStores, assignment.Limits.KeyValueBytes, logger);
        }
        if (capabilities.AllowedOutboundHosts.Count > 0)
        {
            OutboundHttpCapability.Define(root, _outbound, new OutboundHostPolicy(capabilities.AllowedOutboundHosts), logger);
        }
        if (capabilities.PublishTopics is { Count: > 0 } topics)
        {
            PublisherCapability.Define(root, _publisher, _schemas, topics, service, logger);
        }
        return linker;
    }
}
