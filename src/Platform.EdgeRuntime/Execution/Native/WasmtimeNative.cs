using System.Runtime.InteropServices;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// The few functions of Wasmtime's C API that the component and WAGI executors call per request, bound
/// directly against the native library the Wasmtime package ships. The package's own wrappers
/// allocate a managed object per store, per function and per list element (one per body byte);
/// this path allocates nothing managed but the response. See <see cref="DirectComponentCall"/>.
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
        U32 = 6,
        U64 = 8,
        String = 12,
        List = 13,
        Record = 14,
        Tuple = 15,
        Variant = 16,
        Result = 19,
    }

    /// <summary>Payload of a <c>result</c> value: <c>is_ok</c>, then the ok or error value (null for none).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ResultPayload
    {
        [MarshalAs(UnmanagedType.U1)]
        public bool IsOk;
        public byte* Value;
    }

    /// <summary>Payload of a <c>variant</c> value: the case's name, then its value (null for a case without one).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct VariantPayload
    {
        public Vec Case;
        public byte* Value;
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

    /// <summary>
    /// Defines a host function: <paramref name="callback"/> gets (data, context, function type, arguments, their count,
    /// results, their count) and returns an error or null; <paramref name="finalizer"/> gets <paramref name="data"/> when the
    /// linker is deleted.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instance_add_func(nint linkerInstance, byte* name, nuint nameLength,
        delegate* unmanaged[Cdecl]<nint, nint, nint, byte*, nuint, byte*, nuint, nint> callback, nint data, delegate* unmanaged[Cdecl]<nint, void> finalizer);

    [LibraryImport(Library)]
    public static partial void wasmtime_error_message(nint error, Vec* message);

    [LibraryImport(Library)]
    public static partial void wasmtime_error_delete(nint error);

    [LibraryImport(Library)]
    public static partial void wasm_byte_vec_delete(Vec* vec);

    [LibraryImport(Library)]
    public static partial void wasm_byte_vec_new(Vec* vec, nuint size, byte* data);

    // Core modules with WASI preview 1 (the WAGI executor, see DirectWagiCall).

    /// <summary>Size reserved for <c>wasmtime_extern_t</c>: a one-byte kind, padding, then the union (at most 24 bytes in the pinned version).</summary>
    public const int ExternSize = 64;

    /// <summary>Offset of the union (a <c>wasmtime_func_t</c> for a function) in <c>wasmtime_extern_t</c>.</summary>
    public const int ExternPayloadOffset = 8;

    /// <summary><c>WASMTIME_EXTERN_FUNC</c>.</summary>
    public const byte ExternFunc = 0;

    /// <summary><c>WASMTIME_TRAP_CODE_INTERRUPT</c>: the epoch deadline passed.</summary>
    public const byte TrapInterrupt = 10;

    /// <summary><c>wasmtime_instance_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CoreInstance
    {
        public ulong StoreId;
        public nuint Private;
    }

    [LibraryImport(Library)]
    public static partial nint wasi_config_new();

    [LibraryImport(Library)]
    public static partial void wasi_config_delete(nint config);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_set_argv(nint config, nuint argc, byte** argv);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_set_env(nint config, nuint envc, byte** names, byte** values);

    /// <summary>Takes the vector's bytes (allocated by <see cref="wasm_byte_vec_new"/>); the vector is left empty.</summary>
    [LibraryImport(Library)]
    public static partial void wasi_config_set_stdin_bytes(nint config, Vec* bytes);

    [LibraryImport(Library)]
    public static partial void wasi_config_set_stdout_custom(nint config, delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint> callback, nint data, nint finalizer);

    [LibraryImport(Library)]
    public static partial void wasi_config_set_stderr_custom(nint config, delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint> callback, nint data, nint finalizer);

    /// <summary>Takes ownership of <paramref name="config"/>, whatever it returns.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_context_set_wasi(nint context, nint config);

    [LibraryImport(Library)]
    public static partial nint wasmtime_linker_instantiate_pre(nint linker, nint module, nint* instancePre);

    [LibraryImport(Library)]
    public static partial void wasmtime_instance_pre_delete(nint instancePre);

    [LibraryImport(Library)]
    public static partial nint wasmtime_instance_pre_instantiate(nint instancePre, nint context, CoreInstance* instance, nint* trap);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_instance_export_get(nint context, CoreInstance* instance, byte* name, nuint nameLength, byte* item);

    [LibraryImport(Library)]
    public static partial nint wasmtime_func_call(nint context, byte* func, void* args, nuint argsCount, void* results, nuint resultsCount, nint* trap);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_error_exit_status(nint error, int* status);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_trap_code(nint trap, byte* code);

    [LibraryImport(Library)]
    public static partial void wasm_trap_message(nint trap, Vec* message);

    [LibraryImport(Library)]
    public static partial void wasm_trap_delete(nint trap);
}
