using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution.Wagi;
using Platform.EdgeRuntime.Hosting;
using Wasmtime;
using static Platform.EdgeRuntime.Execution.Native.NativeErrors;
using static Platform.EdgeRuntime.Execution.Native.WasmtimeNative;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// One WAGI request on a fresh instance through Wasmtime's C API: a WASI configuration holding only the
/// request (argv, environment, the body as in-memory stdin; no files, no network), stdout and stderr into
/// <see cref="BoundedOutput"/>s, a store with the version's limits and deadline, instantiate from imports
/// resolved once per version (<c>wasmtime_instance_pre_t</c>), call <c>_start</c>, delete the store.
/// The package's builder and wrappers allocated about 14 KB per request and wrote each body to a temporary
/// file; this path allocates little beyond the output, so a busy node collects garbage (pausing every
/// managed thread, its deadline watch too) far less often.
/// </summary>
internal sealed unsafe class DirectWagiCall
{
    private readonly Engine _engine;
    private readonly Module _module;
    private readonly Linker _linker;
    private readonly nint _engineHandle;
    private readonly InstancePre _pre;
    private readonly StoreLimits _limits;

    public DirectWagiCall(EdgeEngine engine, Module module, Linker linker, LimitsDto limits)
    {
        _engine = engine.Engine;
        _module = module;
        _linker = linker;
        _engineHandle = BindingHandles.Engine(_engine);
        _pre = InstancePre.Create(BindingHandles.Linker(linker), BindingHandles.Module(module));
        _limits = StoreLimits.Of(limits, engine.Options);
    }

    /// <summary>Runs <c>_start</c>; returns the exit status (0 when it returned or called <c>proc_exit(0)</c>).</summary>
    /// <exception cref="WasmtimeException">Instantiation or the run failed (trap, deadline, memory limit, no free slot).</exception>
    public int Run(string program, IReadOnlyList<(string Name, string Value)> environment, byte[] stdin, BoundedOutput stdout, BoundedOutput stderr,
        ulong deadlineTicks)
    {
        var output = GCHandle.Alloc(stdout);
        var errors = GCHandle.Alloc(stderr);
        var config = wasi_config_new();
        nint store = 0;
        try
        {
            Configure(config, program, environment, stdin);
            wasi_config_set_stdout_custom(config, &Write, GCHandle.ToIntPtr(output), 0);
            wasi_config_set_stderr_custom(config, &Write, GCHandle.ToIntPtr(errors), 0);
            store = wasmtime_store_new(_engineHandle, 0, 0);
            // The same limits StoreFactory gives the package's stores (no limit on table elements: -1).
            wasmtime_store_limiter(store, _limits.MemoryBytes, -1, _limits.Instances, _limits.Tables, _limits.Memories);
            var context = wasmtime_store_context(store);
            wasmtime_context_set_epoch_deadline(context, Math.Min(deadlineTicks, _limits.DeadlineTicks));
            var taken = config;
            config = 0;
            ThrowIfError(wasmtime_context_set_wasi(context, taken));
            CoreInstance instance;
            nint trap = 0;
            ThrowIfFailed(wasmtime_instance_pre_instantiate(_pre.Handle, context, &instance, &trap), trap);
            var start = stackalloc byte[ExternSize];
            fixed (byte* name = WagiExecutor.StartFunctionUtf8)
            {
                if (!wasmtime_instance_export_get(context, &instance, name, (nuint)WagiExecutor.StartFunctionUtf8.Length, start) || start[0] != ExternFunc)
                {
                    throw new WasmtimeException($"module does not export {WagiExecutor.StartFunction}");
                }
            }
            trap = 0;
            var error = wasmtime_func_call(context, start + ExternPayloadOffset, null, 0, null, 0, &trap);
            int status;
            if (trap == 0 && error != 0 && wasmtime_error_exit_status(error, &status))
            {
                wasmtime_error_delete(error);
                return status;
            }
            ThrowIfFailed(error, trap);
            return 0;
        }
        finally
        {
            if (store != 0)
            {
                wasmtime_store_delete(store);
            }
            if (config != 0)
            {
                wasi_config_delete(config);
            }
            output.Free();
            errors.Free();
            GC.KeepAlive(_engine);
            GC.KeepAlive(_module);
            GC.KeepAlive(_linker);
            GC.KeepAlive(_pre);
        }
    }

    /// <summary>argv, the environment (NUL-terminated UTF-8 in one native block, copied by Wasmtime) and stdin.</summary>
    private static void Configure(nint config, string program, IReadOnlyList<(string Name, string Value)> environment, byte[] stdin)
    {
        var strings = 1 + 2 * environment.Count;
        var bytes = Encoding.UTF8.GetByteCount(program) + 1;
        foreach (var (name, value) in environment)
        {
            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value) + 2;
        }
        var block = (byte*)NativeMemory.Alloc((nuint)(strings * sizeof(nint) + bytes));
        try
        {
            var pointers = (byte**)block;
            var next = block + strings * sizeof(nint);
            var end = next + bytes;
            pointers[0] = Put(ref next, end, program);
            var names = pointers + 1;
            var values = names + environment.Count;
            for (var i = 0; i < environment.Count; i++)
            {
                names[i] = Put(ref next, end, environment[i].Name);
                values[i] = Put(ref next, end, environment[i].Value);
            }
            if (!wasi_config_set_argv(config, 1, pointers) || !wasi_config_set_env(config, (nuint)environment.Count, names, values))
            {
                throw new WasmtimeException("the WAGI arguments or environment are not valid UTF-8");
            }
        }
        finally
        {
            NativeMemory.Free(block);
        }
        if (stdin.Length > 0)
        {
            Vec body;
            fixed (byte* data = stdin)
            {
                wasm_byte_vec_new(&body, (nuint)stdin.Length, data);
            }
            wasi_config_set_stdin_bytes(config, &body);
        }
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="next"/> as NUL-terminated UTF-8; returns where it starts.</summary>
    private static byte* Put(ref byte* next, byte* end, string value)
    {
        var start = next;
        var written = Encoding.UTF8.GetBytes(value, new Span<byte>(next, (int)(end - next)));
        next[written] = 0;
        next += written + 1;
        return start;
    }

    /// <summary>The stdout/stderr callback: every byte is taken (what passes the limit is dropped and noted); it never throws.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint Write(nint data, byte* bytes, nuint length)
    {
        try
        {
            ((BoundedOutput)GCHandle.FromIntPtr(data).Target!).Write(new ReadOnlySpan<byte>(bytes, checked((int)length)));
            return (nint)length;
        }
        catch (Exception)
        {
            // EIO: the guest sees a failed write; nothing may unwind into Wasmtime.
            return -5;
        }
    }

    /// <summary>A module's imports resolved against the WASI linker once, freed with the version.</summary>
    private sealed class InstancePre : SafeHandle
    {
        private InstancePre()
            : base(0, ownsHandle: true)
        {
        }

        public nint Handle => handle;

        public override bool IsInvalid => handle == 0;

        public static InstancePre Create(nint linker, nint module)
        {
            nint pre;
            ThrowIfError(wasmtime_linker_instantiate_pre(linker, module, &pre));
            var owner = new InstancePre();
            owner.SetHandle(pre);
            return owner;
        }

        protected override bool ReleaseHandle()
        {
            wasmtime_instance_pre_delete(handle);
            return true;
        }
    }
}
