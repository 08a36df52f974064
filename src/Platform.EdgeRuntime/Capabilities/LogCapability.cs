using Microsoft.Extensions.Logging;
using Platform.EdgeRuntime.Inspection;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>platform:edge/log: guest lines become structured logs with service, version and request id.</summary>
internal static class LogCapability
{
    private const int MaxMessageLength = 4096;

    public static void Define(ComponentLinkerInstance root, ILogger logger, string service, string version)
    {
        // Under its name in every version of the world: a component of any version links the same functions.
        foreach (var name in PlatformWorld.InEveryVersion(PlatformWorld.Log))
        {
            using var log = root.AddInstance(name);
            log.DefineFunction("write", (args, _) =>
            {
                var level = ToLogLevel(args[0].AsEnum());
                if (!logger.IsEnabled(level))
                {
                    return;
                }
                var message = args[1].AsString();
                if (message.Length > MaxMessageLength)
                {
                    message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
                }
                logger.Log(level, "[{Service} {Version} {RequestId}] {GuestMessage}",
                    service, version, InvocationContext.Current.RequestId, message);
            });
        }
    }

    private static LogLevel ToLogLevel(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
