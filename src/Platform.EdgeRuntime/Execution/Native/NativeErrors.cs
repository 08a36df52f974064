using System.Text;
using Wasmtime;
using static Platform.EdgeRuntime.Execution.Native.WasmtimeNative;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// Turns the errors and traps of Wasmtime's C API into <see cref="WasmtimeException"/>s that read as the
/// package's do (<see cref="GuestFailures"/> maps them to answers by their text), deleting them as it goes.
/// </summary>
internal static unsafe class NativeErrors
{
    public static void ThrowIfError(nint error)
    {
        if (error != 0)
        {
            throw Take(error);
        }
    }

    /// <summary>Throws for an error or a trap (one of them at most is set); deletes what it read.</summary>
    public static void ThrowIfFailed(nint error, nint trap)
    {
        if (trap != 0)
        {
            throw TakeTrap(trap);
        }
        ThrowIfError(error);
    }

    /// <summary>The error's message as an exception; the error is deleted.</summary>
    public static WasmtimeException Take(nint error)
    {
        try
        {
            Vec message;
            wasmtime_error_message(error, &message);
            return new WasmtimeException(Read(&message), BindingHandles.TakeCallbackError());
        }
        finally
        {
            wasmtime_error_delete(error);
        }
    }

    /// <summary>
    /// The trap's message as an exception; the trap is deleted. An interrupt (the epoch deadline) always reads
    /// "wasm trap: interrupt", as the package's own trap exceptions do.
    /// </summary>
    public static WasmtimeException TakeTrap(nint trap)
    {
        try
        {
            Vec message;
            wasm_trap_message(trap, &message);
            var text = Read(&message);
            byte code;
            if (wasmtime_trap_code(trap, &code) && code == TrapInterrupt)
            {
                text = "wasm trap: interrupt\n" + text;
            }
            else if (!text.Contains("wasm trap", StringComparison.Ordinal))
            {
                text = "wasm trap: " + text;
            }
            return new WasmtimeException(text);
        }
        finally
        {
            wasm_trap_delete(trap);
        }
    }

    /// <summary>A message vector's text (without the NUL some carry at the end); the vector is deleted.</summary>
    private static string Read(Vec* message)
    {
        var text = Encoding.UTF8.GetString(message->Data, (int)message->Size).TrimEnd('\0');
        wasm_byte_vec_delete(message);
        return text;
    }
}
