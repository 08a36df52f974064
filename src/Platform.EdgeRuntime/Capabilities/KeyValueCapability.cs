using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Registry;
using Platform.EdgeRuntime.Inspection;
using Platform.EdgeRuntime.KeyValue;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>platform:edge/key-value over the service's SQLite file, limited to the stores the manifest names.</summary>
internal static class KeyValueCapability
{
    /// <param name="quotaBytes">The service's key-value quota: a set beyond it is an error result in the guest (logged), nothing is written.</param>
    public static void Define(ComponentLinkerInstance root, SqliteKeyValueStore data, IReadOnlyCollection<string> stores, long quotaBytes, ILogger logger)
    {
        var granted = new HashSet<string>(stores, StringComparer.Ordinal);
        // Under its name in every version of the world: a component of any version links the same functions, values in that version's shape.
        foreach (var name in PlatformWorld.InEveryVersion(PlatformWorld.KeyValue))
        {
            var contentVariant = EdgeWorld.HasContentVariant(EdgeWorld.VersionOf(name));
            using var kv = root.AddInstance(name);
            kv.DefineFunction("get", (args, results) =>
            {
                var key = args[1].AsString();
                results[0] = Run(granted, args[0].AsString(), logger, store =>
                {
                    var value = data.Get(store, key);
                    return value is null ? ComponentValue.None() : ComponentValue.Some(ComponentValues.Content(value, contentVariant));
                });
            });
            kv.DefineFunction("set", (args, results) =>
            {
                var key = args[1].AsString();
                var value = ComponentValues.ToContent(args[2]);
                results[0] = Run(granted, args[0].AsString(), logger, store =>
                {
                    data.Set(store, key, value, quotaBytes);
                    return null;
                });
            });
            kv.DefineFunction("delete", (args, results) =>
            {
                var key = args[1].AsString();
                results[0] = Run(granted, args[0].AsString(), logger, store =>
                {
                    data.Delete(store, key);
                    return null;
                });
            });
            kv.DefineFunction("list-keys", (args, results) => results[0] = Run(granted, args[0].AsString(), logger, store =>
                ComponentValue.List(data.ListKeys(store).Select(ComponentValue.String).ToArray())));
        }
    }

    /// <summary>Ok(operation result) or Err(reason); a refused store or a storage failure never traps the guest.</summary>
    private static ComponentValue Run(HashSet<string> granted, string store, ILogger logger, Func<string, ComponentValue?> operation)
    {
        if (!granted.Contains(store))
        {
            logger.LogWarning("Refused key-value store {Store} for request {RequestId}: not declared", store, InvocationContext.Current.RequestId);
            return ComponentValues.ErrorText($"key-value store '{store}' is not declared in the manifest");
        }
        try
        {
            return ComponentValue.Ok(operation(store)!);
        }
        catch (KeyValueQuotaExceededException ex)
        {
            logger.LogWarning("Refused key-value write to {Store} for request {RequestId}: {Reason}", store, InvocationContext.Current.RequestId, ex.Message);
            return ComponentValues.ErrorText($"key-value store '{store}': {ex.Message}");
        }
        catch (Exception ex) when (ex is SqliteException or ArgumentException or IOException)
        {
            logger.LogError(ex, "Key-value {Store} failed for request {RequestId}", store, InvocationContext.Current.RequestId);
            return ComponentValues.ErrorText($"key-value store '{store}' failed: {ex.Message}");
        }
    }
}
