namespace Platform.Application.Registry;

/// <summary>Reads and checks a binary before it is accepted into the registry.</summary>
public interface IComponentInspector
{
    /// <summary>Lists imports and exports; throws a <see cref="Platform.Domain.DomainException"/> when the binary cannot run.</summary>
    ComponentInspection Inspect(ReadOnlyMemory<byte> binary, string executor);
}
