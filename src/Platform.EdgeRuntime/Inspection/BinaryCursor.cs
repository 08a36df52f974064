using System.Text;

namespace Platform.EdgeRuntime.Inspection;

/// <summary>Forward-only reader of WebAssembly binary primitives (LEB128 integers, names).</summary>
internal ref struct BinaryCursor
{
    private readonly ReadOnlySpan<byte> _bytes;

    public BinaryCursor(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly bool AtEnd => Position >= _bytes.Length;

    public byte ReadByte()
    {
        if (Position >= _bytes.Length)
        {
            throw new InvalidDataException($"Unexpected end of component binary at offset {Position}.");
        }
        return _bytes[Position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || Position + count > _bytes.Length)
        {
            throw new InvalidDataException($"Length {count} at offset {Position} runs past the end of the binary.");
        }
        var slice = _bytes.Slice(Position, count);
        Position += count;
        return slice;
    }

    public uint ReadU32()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw new InvalidDataException($"Malformed LEB128 u32 before offset {Position}.");
    }

    /// <summary>A signed LEB128 up to 33 bits (valtype: negative = primitive, otherwise a type index).</summary>
    public long ReadS33()
    {
        long result = 0;
        var shift = 0;
        byte b;
        do
        {
            b = ReadByte();
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0 && shift < 35);
        if ((b & 0x80) != 0)
        {
            throw new InvalidDataException($"Malformed LEB128 s33 before offset {Position}.");
        }
        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }
        return result;
    }

    public string ReadName()
    {
        var length = ReadU32();
        var bytes = ReadBytes(checked((int)length));
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"Name before offset {Position} is not valid UTF-8.", ex);
        }
    }
}
