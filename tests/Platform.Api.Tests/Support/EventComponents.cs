using Platform.Testing;

namespace Platform.Api.Tests.Support;

/// <summary>Test components from tests/components-events (event consumers of the C SDK), built once per run.</summary>
public static class EventComponents
{
    private static readonly Lazy<byte[]> ConsumerBytes =
        new(() => WasmBuilder.Build(Path.Combine(RepositoryPaths.Root, "tests", "components-events", "consumer")));

    /// <summary>Exports platform:edge/handler@0.3.0 and platform:edge/events@0.3.0; imports nothing (the SDK links only what it calls).</summary>
    public static byte[] Consumer => ConsumerBytes.Value;
}
