using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Platform.EdgeRuntime.Execution.Native;
using Platform.EdgeRuntime.Inspection;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>
/// platform:edge/log: guest lines become structured logs with service, version and request id. The import is defined
/// straight on Wasmtime's C API (as requests are called, see <see cref="DirectComponentCall"/>): the level is read first and
/// the message decoded only when that level is logged, and then at most its first <see cref="MaxMessageLength"/>
/// characters. The template service logs a line per request at info, which a node below that level drops: through the
/// package's wrapper every line was decoded into managed values before that check (measured: ~0.9 µs and 320 B per request).
/// </summary>
internal static unsafe class LogCapability
{
    /// <summary>Characters of a guest's line that are kept; longer lines end with "…".</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>At most this many bytes are decoded (UTF-8 takes at most four per character).</summary>
    private const int MaxMessageBytes = MaxMessageLength * 4;

    public static void Define(ComponentLinkerInstance root, ILogger logger, string service, string version)
    {
        // Under its name in every version of the world: a component of any version links the same functions.
        foreach (var name in PlatformWorld.InEveryVersion(PlatformWorld.Log))
        {
            using var log = root.AddInstance(name);
            // Freed by the finalizer when the linker is deleted (with the version).
            var target = GCHandle.ToIntPtr(GCHandle.Alloc(new Target(logger, service, version)));
            nint error;
            fixed (byte* write = "write"u8)
            {
                error = WasmtimeNative.wasmtime_component_linker_instance_add_func(BindingHandles.LinkerInstance(log), write, 5, &Write, target, &Free);
            }
            if (error != 0)
            {
                GCHandle.FromIntPtr(target).Free();
                throw NativeErrors.Take(error);
            }
        }
    }

    /// <summary><c>write: func(level: level, message: string)</c>: the linker checked the types; a line is never an error for the guest.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint Write(nint env, nint context, nint type, byte* args, nuint count, byte* results, nuint resultCount)
    {
        try
        {
            if (count != 2 || GCHandle.FromIntPtr(env).Target is not Target target)
            {
                return 0;
            }
            var level = ToLogLevel((WasmtimeNative.Vec*)(args + WasmtimeNative.PayloadOffset));
            if (!target.Logger.IsEnabled(level))
            {
                return 0;
            }
            var text = (WasmtimeNative.Vec*)(args + WasmtimeNative.ValueSize + WasmtimeNative.PayloadOffset);
            var message = Encoding.UTF8.GetString(text->Data, (int)Math.Min(text->Size, (nuint)MaxMessageBytes));
            if (message.Length > MaxMessageLength || text->Size > MaxMessageBytes)
            {
                message = string.Concat(message.AsSpan(0, Math.Min(message.Length, MaxMessageLength)), "…");
            }
            target.Logger.Log(level, "[{Service} {Version} {RequestId}] {GuestMessage}",
                target.Service, target.Version, InvocationContext.Current.RequestId, message);
        }
        catch (Exception)
        {
            // A logger that throws must not unwind into Wasmtime's frames; the guest's line is lost, its request goes on.
        }
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Free(nint env) => GCHandle.FromIntPtr(env).Free();

    /// <summary>The <c>level</c> enum, as the C API hands an enum: its case's name.</summary>
    private static LogLevel ToLogLevel(WasmtimeNative.Vec* name) => new ReadOnlySpan<byte>(name->Data, (int)name->Size) switch
    {
        var n when n.SequenceEqual("trace"u8) => LogLevel.Trace,
        var n when n.SequenceEqual("debug"u8) => LogLevel.Debug,
        var n when n.SequenceEqual("info"u8) => LogLevel.Information,
        var n when n.SequenceEqual("warn"u8) => LogLevel.Warning,
        _ => LogLevel.Error,
    };

    private sealed record Target(ILogger Logger, string Service, string Version);
}
