using System.Runtime.InteropServices;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// The few functions of Wasmtime's C API that the component executor calls per request, bound
/// directly against the native library the Wasmtime package ships. The package's own wrappers
/// allocate a managed object per store, per function and per list element (one per body byte);
/// this path allocates nothing managed but the response. See <see cref="DirectHandlerCall"/>.
/// </summary>
internal static unsafe partial class WasmtimeNative
{
    private const string Library = "wasmtime";

    /// <summary>Size of <c>wasmtime_component_val_t</c>: a one-byte kind, padding, a 24-byte payload.</summary>
    public const int ValueSize = 32;

    /// <summary>Offset of the payload in <c>wasmtime_component_val_t</c>.</summary>
    public const int PayloadOffset = 8;

    /// <summary>Size of <c>wasmtime_component_valrecord_entry_t</c>: a name, then a value.</summary>
    public const int RecordEntrySize = 48;

    /// <summary>Offset of the value in a record entry.</summary>
    public const int RecordEntryValueOffset = 16;

    /// <summary><c>wasmtime_component_instance_t</c>.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 16)]
    public struct InstanceHandle
    {
        [FieldOffset(0)]
        public ulong StoreId;

        [FieldOffset(8)]
        public uint Index;
    }

    /// <summary><c>wasmtime_component_func_t</c>, opaque here.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    public struct FuncHandle
    {
        [FieldOffset(0)]
        public ulong StoreId;
    }

    /// <summary><c>wasm_byte_vec_t</c> / <c>wasm_name_t</c>, and the size + pointer pair of every list payload.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Vec
    {
        public nuint Size;
        public byte* Data;
    }

    /// <summary>The kinds of <c>wasmtime_component_val_t</c> this executor reads and writes.</summary>
    public enum ValKind : byte
    {
        U8 = 2,
        U16 = 4,
        String = 12,
        List = 13,
        Record = 14,
        Tuple = 15,
    }

    [LibraryImport(Library)]
    public static partial nint wasmtime_store_new(nint engine, nint data, nint finalizer);

    [LibraryImport(Library)]
    public static partial nint wasmtime_store_context(nint store);

    [LibraryImport(Library)]
    public static partial void wasmtime_store_limiter(nint store, long memorySize, long tableElements, long instances, long tables, long memories);

    [LibraryImport(Library)]
    public static partial void wasmtime_store_delete(nint store);

    [LibraryImport(Library)]
    public static partial void wasmtime_context_set_epoch_deadline(nint context, ulong ticksBeyondCurrent);

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instantiate(nint linker, nint context, nint component, InstanceHandle* instance);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_instance_get_func(InstanceHandle* instance, nint context, nint exportIndex, FuncHandle* func);

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_func_call(FuncHandle* func, nint context, byte* args, nuint argsCount, byte* results, nuint resultsCount);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_val_delete(byte* value);

    [LibraryImport(Library)]
    public static partial void wasmtime_error_message(nint error, Vec* message);

    [LibraryImport(Library)]
    public static partial void wasmtime_error_delete(nint error);

    [LibraryImport(Library)]
    public static partial void wasm_byte_vec_delete(Vec* vec);
}
