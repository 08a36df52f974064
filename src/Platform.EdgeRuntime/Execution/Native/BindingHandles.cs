using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// The native pointers behind the Wasmtime package's engine, component, module, linker and export
/// objects, read once per loaded version so requests can go straight to the C API. The package
/// keeps them in private fields (its pinned version is in Directory.Packages.props); when an
/// upgrade renames them, loading a version fails with this message instead of misbehaving.
/// </summary>
internal static class BindingHandles
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;

    private static readonly FieldInfo? CallbackErrorCause =
        typeof(Function).GetField("CallbackErrorCause", BindingFlags.Static | BindingFlags.NonPublic);

    public static nint Engine(Engine engine) => Of(engine);

    public static nint Component(Component component) => Of(component);

    public static nint Linker(ComponentLinker linker) => Of(linker);

    public static nint Export(ComponentExport export) => Of(export);

    public static nint LinkerInstance(ComponentLinkerInstance instance) => Of(instance);

    public static nint Linker(Linker linker) => Of(linker);

    public static nint Module(Wasmtime.Module module) => Of(module);

    /// <summary>
    /// The exception a host function threw during the last call on this thread, taken (cleared) so
    /// it cannot attach itself to a later, unrelated error; the package's own calls do the same.
    /// </summary>
    public static Exception? TakeCallbackError()
    {
        if (CallbackErrorCause?.GetValue(null) is not Exception cause)
        {
            return null;
        }
        CallbackErrorCause.SetValue(null, null);
        return cause;
    }

    private static nint Of(object owner)
    {
        var field = owner.GetType().GetField("handle", Private)
            ?? throw new InvalidOperationException(
                $"The Wasmtime package's {owner.GetType().Name} no longer keeps its native handle in a 'handle' field; update {nameof(BindingHandles)} for this version.");
        var handle = field.GetValue(owner) as SafeHandle
            ?? throw new InvalidOperationException($"The Wasmtime package's {owner.GetType().Name}.handle is not a SafeHandle.");
        ObjectDisposedException.ThrowIf(handle.IsInvalid || handle.IsClosed, owner);
        return handle.DangerousGetHandle();
    }
}
