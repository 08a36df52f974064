using System.Buffers;

namespace Platform.EdgeRuntime.Execution.Wagi;

/// <summary>
/// Collects what a guest writes to a WASI stream through the output callback, up to a limit.
/// The callback runs on a Wasmtime thread while the calling thread waits, so writes and reads
/// never overlap; the lock only publishes the bytes between the two threads.
/// </summary>
internal sealed class BoundedOutput(int limit)
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Lock _lock = new();
    private bool _overflowed;

    /// <summary>True when the guest wrote more than the limit; the excess was dropped.</summary>
    public bool Overflowed
    {
        get
        {
            lock (_lock)
            {
                return _overflowed;
            }
        }
    }

    public int Limit => limit;

    /// <summary>The output callback; never throws (a throwing callback closes the guest's stream).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            var room = limit - _buffer.WrittenCount;
            if (data.Length > room)
            {
                _overflowed = true;
                data = data[..Math.Max(0, room)];
            }
            _buffer.Write(data);
        }
    }

    public byte[] ToArray()
    {
        lock (_lock)
        {
            return _buffer.WrittenSpan.ToArray();
        }
    }
}
