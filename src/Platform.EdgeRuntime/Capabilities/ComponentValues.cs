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

    public static ComponentValue Headers(IEnumerable<KeyValuePair<string, string>> headers) =>
        ComponentValue.List(headers
            .Select(h => ComponentValue.Tuple([ComponentValue.String(h.Key), ComponentValue.String(h.Value)]))
            .ToArray());

    public static List<KeyValuePair<string, string>> ToHeaders(ComponentValue list) =>
        list.AsList()
            .Select(t => t.AsTuple())
            .Select(t => new KeyValuePair<string, string>(t[0].AsString(), t[1].AsString()))
            .ToList();

    public static ComponentValue Request(string method, string uri, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body) =>
        ComponentValue.Record(
        [
            new("method", ComponentValue.String(method)),
            new("uri", ComponentValue.String(uri)),
            new("headers", Headers(headers)),
            new("body", Bytes(body)),
        ]);

    public static ComponentValue Response(int status, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body) =>
        ComponentValue.Record(
        [
            new("status", ComponentValue.U16(checked((ushort)status))),
            new("headers", Headers(headers)),
            new("body", Bytes(body)),
        ]);

    public static ComponentValue ErrorText(string message) => ComponentValue.Err(ComponentValue.String(message));
}
