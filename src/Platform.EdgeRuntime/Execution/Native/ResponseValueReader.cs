using System.Text;
using Platform.EdgeRuntime.Inspection;
using Wasmtime;
using static Platform.EdgeRuntime.Execution.Native.WasmtimeNative;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// Reads the platform:edge <c>response</c> record out of the <c>wasmtime_component_val_t</c> the call returned: its body a
/// <c>list&lt;u8&gt;</c> (before 0.3.0) or the <c>body</c> variant (0.3.0 on; <c>text</c> is copied out as one block).
/// </summary>
internal static unsafe class ResponseValueReader
{
    /// <summary>The status (unchecked), headers in order and the body bytes.</summary>
    /// <exception cref="WasmtimeException">The value is not a platform:edge response (the component was checked at load, so this is a defect).</exception>
    public static (int Status, List<KeyValuePair<string, string>> Headers, byte[] Body) Read(byte* value)
    {
        var entries = Vector(value, ValKind.Record);
        if (entries.Size != 3)
        {
            throw Unexpected($"a record of {entries.Size} fields");
        }
        var status = Field(entries.Data, 0, "status"u8);
        if ((ValKind)(*status) != ValKind.U16)
        {
            throw Unexpected("a status that is not a u16");
        }
        var headers = ReadHeaders(Field(entries.Data, 1, "headers"u8));
        var body = ReadBody(Field(entries.Data, 2, "body"u8));
        return (*(ushort*)(status + PayloadOffset), headers, body);
    }

    private static byte* Field(byte* entries, int index, ReadOnlySpan<byte> expectedName)
    {
        var entry = entries + index * RecordEntrySize;
        var name = (Vec*)entry;
        if (!new ReadOnlySpan<byte>(name->Data, (int)name->Size).SequenceEqual(expectedName))
        {
            throw Unexpected($"field {index} named '{Encoding.UTF8.GetString(name->Data, (int)name->Size)}'");
        }
        return entry + RecordEntryValueOffset;
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(byte* value)
    {
        var list = Vector(value, ValKind.List);
        var headers = new List<KeyValuePair<string, string>>((int)list.Size + 1);
        for (var i = 0; i < (int)list.Size; i++)
        {
            var pair = Vector(list.Data + i * ValueSize, ValKind.Tuple);
            if (pair.Size != 2)
            {
                throw Unexpected("a header that is not a pair");
            }
            headers.Add(new(Text(pair.Data), Text(pair.Data + ValueSize)));
        }
        return headers;
    }

    private static byte[] ReadBody(byte* value)
    {
        if ((ValKind)(*value) != ValKind.Variant)
        {
            return ReadBytes(value);
        }
        var variant = *(VariantPayload*)(value + PayloadOffset);
        var name = new ReadOnlySpan<byte>(variant.Case.Data, (int)variant.Case.Size);
        if (variant.Value is null)
        {
            throw Unexpected("a body case without a value");
        }
        if (name.SequenceEqual("text"u8))
        {
            var text = Vector(variant.Value, ValKind.String);
            return new ReadOnlySpan<byte>(text.Data, checked((int)text.Size)).ToArray();
        }
        return name.SequenceEqual("bytes"u8) ? ReadBytes(variant.Value) : throw Unexpected($"a body case '{Encoding.UTF8.GetString(name)}'");
    }

    private static byte[] ReadBytes(byte* value)
    {
        var list = Vector(value, ValKind.List);
        var bytes = new byte[(int)list.Size];
        for (var i = 0; i < bytes.Length; i++)
        {
            var item = list.Data + i * ValueSize;
            bytes[i] = (ValKind)(*item) == ValKind.U8 ? item[PayloadOffset] : throw Unexpected("a body that is not a list<u8>");
        }
        return bytes;
    }

    private static string Text(byte* value)
    {
        var text = Vector(value, ValKind.String);
        return Encoding.UTF8.GetString(text.Data, (int)text.Size);
    }

    private static Vec Vector(byte* value, ValKind kind) =>
        (ValKind)(*value) == kind ? *(Vec*)(value + PayloadOffset) : throw Unexpected($"a value of kind {*value} where {kind} belongs");

    private static WasmtimeException Unexpected(string what) =>
        new($"{PlatformWorld.Handler}#{PlatformWorld.HandleFunction} returned {what}, not a platform:edge response");
}
