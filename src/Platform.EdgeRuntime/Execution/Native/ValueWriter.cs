using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Platform.EdgeRuntime.Events;
using static Platform.EdgeRuntime.Execution.Native.WasmtimeNative;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// Lays out the platform:edge <c>request</c> record (or <c>event</c> record) as one <c>wasmtime_component_val_t</c> tree
/// in a single native block: the record, its entries, the header tuples, every string's
/// UTF-8 bytes and the body. The block is borrowed by the call and freed after it.
/// A request body or an event's data is a <c>list&lt;u8&gt;</c> (one value per byte) before 0.3.0; from 0.3.0 it is the
/// <c>content</c> variant: <c>text</c> (one string, copied once) whenever the bytes are valid UTF-8, <c>bytes</c> otherwise.
/// </summary>
internal unsafe ref struct ValueWriter
{
    private static ReadOnlySpan<byte> Method => "method"u8;
    private static ReadOnlySpan<byte> Uri => "uri"u8;
    private static ReadOnlySpan<byte> Headers => "headers"u8;
    private static ReadOnlySpan<byte> Body => "body"u8;
    private static ReadOnlySpan<byte> Topic => "topic"u8;
    private static ReadOnlySpan<byte> Subject => "subject"u8;
    private static ReadOnlySpan<byte> Key => "key"u8;
    private static ReadOnlySpan<byte> Id => "id"u8;
    private static ReadOnlySpan<byte> Attempt => "attempt"u8;
    private static ReadOnlySpan<byte> Data => "data"u8;
    private static ReadOnlySpan<byte> TextCase => "text"u8;
    private static ReadOnlySpan<byte> BytesCase => "bytes"u8;

    private byte* _next;
    private byte* _end;

    /// <summary>Writes <paramref name="request"/>; the returned block (the record value first) must be freed with <see cref="NativeMemory.Free"/>.</summary>
    /// <param name="contentVariant">The world carries bytes as the <c>content</c> variant (0.3.0 on), not as a <c>list&lt;u8&gt;</c>.</param>
    public static byte* Write(EdgeRequest request, bool contentVariant)
    {
        var bodyShape = ShapeOf(request.Body, contentVariant);
        var size = (nuint)SizeOf(request, bodyShape);
        var block = (byte*)NativeMemory.Alloc(size);
        var writer = new ValueWriter { _next = block, _end = block + size };
        var record = writer.Take(ValueSize);
        var entries = writer.Take(4 * RecordEntrySize);
        SetVec(record, ValKind.Record, 4, entries);
        writer.WriteString(writer.Name(entries, Method), request.Method);
        writer.WriteString(writer.Name(entries + RecordEntrySize, Uri), request.Uri);
        writer.WriteHeaders(writer.Name(entries + 2 * RecordEntrySize, Headers), request.Headers);
        writer.WriteContent(writer.Name(entries + 3 * RecordEntrySize, Body), request.Body, bodyShape);
        return block;
    }

    /// <summary>Writes <paramref name="delivery"/> (the event record, 7 fields); free the block as for a request.</summary>
    public static byte* Write(EdgeEvent delivery, bool contentVariant)
    {
        var dataShape = ShapeOf(delivery.Data, contentVariant);
        var size = (nuint)SizeOf(delivery, dataShape);
        var block = (byte*)NativeMemory.Alloc(size);
        var writer = new ValueWriter { _next = block, _end = block + size };
        var record = writer.Take(ValueSize);
        var entries = writer.Take(7 * RecordEntrySize);
        SetVec(record, ValKind.Record, 7, entries);
        writer.WriteString(writer.Name(entries, Topic), delivery.Topic);
        writer.WriteString(writer.Name(entries + RecordEntrySize, Subject), delivery.Subject);
        writer.WriteString(writer.Name(entries + 2 * RecordEntrySize, Key), delivery.Key);
        writer.WriteString(writer.Name(entries + 3 * RecordEntrySize, Id), delivery.Id);
        var attempt = writer.Name(entries + 4 * RecordEntrySize, Attempt);
        *attempt = (byte)ValKind.U32;
        *(uint*)(attempt + PayloadOffset) = delivery.Attempt;
        writer.WriteHeaders(writer.Name(entries + 5 * RecordEntrySize, Headers), delivery.Headers);
        writer.WriteContent(writer.Name(entries + 6 * RecordEntrySize, Data), delivery.Data, dataShape);
        return block;
    }

    private enum ContentShape
    {
        /// <summary>list&lt;u8&gt; (before 0.3.0).</summary>
        List,

        /// <summary>content.text(string).</summary>
        Text,

        /// <summary>content.bytes(list&lt;u8&gt;).</summary>
        Bytes,
    }

    private static int SizeOf(EdgeRequest request, ContentShape bodyShape) =>
        checked(ValueSize + 4 * RecordEntrySize + Aligned(Method.Length) + Aligned(Uri.Length) + Aligned(Headers.Length) + Aligned(Body.Length)
            + TextSize(request.Method) + TextSize(request.Uri) + HeadersSize(request.Headers) + ContentSize(request.Body.Length, bodyShape));

    private static int ContentSize(int length, ContentShape shape) => shape switch
    {
        ContentShape.List => length * ValueSize,
        ContentShape.Text => ValueSize + Aligned(TextCase.Length) + Aligned(length),
        _ => ValueSize + Aligned(BytesCase.Length) + length * ValueSize,
    };

    private static ContentShape ShapeOf(byte[] bytes, bool contentVariant) =>
        !contentVariant ? ContentShape.List : Utf8.IsValid(bytes) ? ContentShape.Text : ContentShape.Bytes;

    private static int SizeOf(EdgeEvent delivery, ContentShape dataShape) =>
        checked(ValueSize + 7 * RecordEntrySize + Aligned(Topic.Length) + Aligned(Subject.Length) + Aligned(Key.Length) + Aligned(Id.Length)
            + Aligned(Attempt.Length) + Aligned(Headers.Length) + Aligned(Data.Length)
            + TextSize(delivery.Topic) + TextSize(delivery.Subject) + TextSize(delivery.Key) + TextSize(delivery.Id)
            + HeadersSize(delivery.Headers) + ContentSize(delivery.Data.Length, dataShape));

    private static int TextSize(string text) => Aligned(Encoding.UTF8.GetByteCount(text));

    private static int HeadersSize(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var size = 0;
        foreach (var (name, value) in headers)
        {
            size += 3 * ValueSize + TextSize(name) + TextSize(value);
        }
        return size;
    }

    private static int Aligned(int size) => (size + 7) & ~7;

    private byte* Take(int size)
    {
        var start = _next;
        _next += Aligned(size);
        if (_next > _end)
        {
            throw new InvalidOperationException("The value block was sized too small.");
        }
        new Span<byte>(start, size).Clear();
        return start;
    }

    /// <summary>Writes an entry's name and returns where its value goes.</summary>
    private byte* Name(byte* entry, ReadOnlySpan<byte> name)
    {
        var bytes = Take(name.Length);
        name.CopyTo(new Span<byte>(bytes, name.Length));
        *(Vec*)entry = new Vec { Size = (nuint)name.Length, Data = bytes };
        return entry + RecordEntryValueOffset;
    }

    private void WriteString(byte* value, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var bytes = Take(length);
        Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, length));
        SetVec(value, ValKind.String, length, bytes);
    }

    private void WriteHeaders(byte* value, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var tuples = Take(headers.Count * ValueSize);
        SetVec(value, ValKind.List, headers.Count, tuples);
        for (var i = 0; i < headers.Count; i++)
        {
            var pair = Take(2 * ValueSize);
            SetVec(tuples + i * ValueSize, ValKind.Tuple, 2, pair);
            WriteString(pair, headers[i].Key);
            WriteString(pair + ValueSize, headers[i].Value);
        }
    }

    private void WriteContent(byte* value, byte[] content, ContentShape shape)
    {
        if (shape == ContentShape.List)
        {
            WriteBytes(value, content);
            return;
        }
        var caseName = shape == ContentShape.Text ? TextCase : BytesCase;
        var name = Take(caseName.Length);
        caseName.CopyTo(new Span<byte>(name, caseName.Length));
        var payload = Take(ValueSize);
        *value = (byte)ValKind.Variant;
        *(VariantPayload*)(value + PayloadOffset) = new VariantPayload { Case = new Vec { Size = (nuint)caseName.Length, Data = name }, Value = payload };
        if (shape == ContentShape.Text)
        {
            var bytes = Take(content.Length);
            content.CopyTo(new Span<byte>(bytes, content.Length));
            SetVec(payload, ValKind.String, content.Length, bytes);
        }
        else
        {
            WriteBytes(payload, content);
        }
    }

    private void WriteBytes(byte* value, byte[] body)
    {
        var items = Take(body.Length * ValueSize);
        SetVec(value, ValKind.List, body.Length, items);
        for (var i = 0; i < body.Length; i++)
        {
            var item = items + i * ValueSize;
            *item = (byte)ValKind.U8;
            item[PayloadOffset] = body[i];
        }
    }

    private static void SetVec(byte* value, ValKind kind, int count, byte* data)
    {
        *value = (byte)kind;
        *(Vec*)(value + PayloadOffset) = new Vec { Size = (nuint)count, Data = data };
    }
}
