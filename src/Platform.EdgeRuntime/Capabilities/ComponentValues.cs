using System.Text;
using System.Text.Unicode;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>Conversions between .NET values and the component values of the platform:edge types.</summary>
internal static class ComponentValues
{
    public static ComponentValue Bytes(ReadOnlySpan<byte> bytes)
    {
        var items = new ComponentValue[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            items[i] = ComponentValue.U8(bytes[i]);
        }
        return ComponentValue.List(items);
    }

    public static byte[] ToBytes(ComponentValue list)
    {
        var items = list.AsList();
        var bytes = new byte[items.Count];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = items[i].AsU8();
        }
        return bytes;
    }

    /// <summary>An HTTP body: a <c>list&lt;u8&gt;</c> before 0.3.0; from 0.3.0 the <c>body</c> variant, <c>text</c> whenever the bytes are valid UTF-8.</summary>
    public static ComponentValue Content(ReadOnlySpan<byte> bytes, bool contentVariant)
    {
        if (!contentVariant)
        {
            return Bytes(bytes);
        }
        return Utf8.IsValid(bytes)
            ? ComponentValue.Variant("text", ComponentValue.String(Encoding.UTF8.GetString(bytes)))
            : ComponentValue.Variant("bytes", Bytes(bytes));
    }

    /// <summary>The bytes of content of any version: a <c>list&lt;u8&gt;</c> or the <c>content</c> variant.</summary>
    public static byte[] ToContent(ComponentValue content)
    {
        if (content.Kind != ComponentValueKind.Variant)
        {
            return ToBytes(content);
        }
        var payload = content.Payload ?? throw new ArgumentException("a content case without a value", nameof(content));
        return content.AsVariant() == "text" ? Encoding.UTF8.GetBytes(payload.AsString()) : ToBytes(payload);
    }

    public static ComponentValue Headers(IReadOnlyList<KeyValuePair<string, string>> list)
    {
        var items = new ComponentValue[list.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ComponentValue.Tuple([ComponentValue.String(list[i].Key), ComponentValue.String(list[i].Value)]);
        }
        return ComponentValue.List(items);
    }

    public static List<KeyValuePair<string, string>> ToHeaders(ComponentValue list)
    {
        var items = list.AsList();
        var headers = new List<KeyValuePair<string, string>>(items.Count + 1);
        for (var i = 0; i < items.Count; i++)
        {
            var tuple = items[i].AsTuple();
            headers.Add(new KeyValuePair<string, string>(tuple[0].AsString(), tuple[1].AsString()));
        }
        return headers;
    }

    public static ComponentValue Response(int status, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, bool contentVariant) =>
        ComponentValue.Record(
        [
            new("status", ComponentValue.U16(checked((ushort)status))),
            new("headers", Headers(headers)),
            new("body", Content(body, contentVariant)),
        ]);

    public static ComponentValue ErrorText(string message) => ComponentValue.Err(ComponentValue.String(message));
}
