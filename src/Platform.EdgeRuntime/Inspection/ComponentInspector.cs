namespace Platform.EdgeRuntime.Inspection;

/// <summary>
/// Lists the top-level imports and exports of a component binary without compiling it, by
/// walking the component-model binary format: a preamble (magic, version 0x0d, layer 1) and
/// sections whose import (id 10) and export (id 11) entries carry the names. Nested components
/// and core modules are skipped by size.
/// </summary>
public static class ComponentInspector
{
    private const byte ImportSectionId = 10;
    private const byte ExportSectionId = 11;
    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6D];

    /// <exception cref="InvalidDataException">Not a component binary (or a malformed one), with the reason.</exception>
    public static ComponentInspection Inspect(ReadOnlySpan<byte> binary)
    {
        var cursor = new BinaryCursor(binary);
        ReadPreamble(ref cursor);
        var imports = new List<ComponentItem>();
        var exports = new List<ComponentItem>();
        while (!cursor.AtEnd)
        {
            var id = cursor.ReadByte();
            var size = checked((int)cursor.ReadU32());
            var content = new BinaryCursor(cursor.ReadBytes(size));
            if (id == ImportSectionId)
            {
                ReadVector(ref content, imports, ReadImport);
            }
            else if (id == ExportSectionId)
            {
                ReadVector(ref content, exports, ReadExport);
            }
        }
        return new ComponentInspection(imports, exports);
    }

    private static void ReadPreamble(ref BinaryCursor cursor)
    {
        if (!cursor.ReadBytes(4).SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a WebAssembly binary (bad magic number).");
        }
        var version = cursor.ReadBytes(2);
        var layer = cursor.ReadBytes(2);
        if (layer[0] == 0 && layer[1] == 0)
        {
            throw new InvalidDataException("This is a core WebAssembly module, not a component; componentize it against the platform:edge world.");
        }
        if (layer[0] != 1 || layer[1] != 0)
        {
            throw new InvalidDataException($"Unknown WebAssembly layer {layer[0]}.");
        }
        if (version[0] != 0x0d || version[1] != 0)
        {
            throw new InvalidDataException($"Unsupported component binary version 0x{version[0]:x2}; expected 0x0d.");
        }
    }

    private delegate ComponentItem ItemReader(ref BinaryCursor cursor);

    private static void ReadVector(ref BinaryCursor cursor, List<ComponentItem> items, ItemReader read)
    {
        var count = cursor.ReadU32();
        for (var i = 0; i < count; i++)
        {
            items.Add(read(ref cursor));
        }
    }

    private static ComponentItem ReadImport(ref BinaryCursor cursor)
    {
        var name = ReadExternName(ref cursor);
        return new ComponentItem(name, ReadExternDesc(ref cursor));
    }

    private static ComponentItem ReadExport(ref BinaryCursor cursor)
    {
        var name = ReadExternName(ref cursor);
        var sort = cursor.ReadByte();
        var kind = sort == 0x00 ? CoreSortKind(cursor.ReadByte()) : SortKind(sort);
        cursor.ReadU32();
        if (cursor.ReadByte() == 0x01)
        {
            ReadExternDesc(ref cursor);
        }
        return new ComponentItem(name, kind);
    }

    /// <summary>importname'/exportname': 0x00 (plain) or 0x01 (legacy interface form), then a name.</summary>
    private static string ReadExternName(ref BinaryCursor cursor)
    {
        var tag = cursor.ReadByte();
        if (tag is not (0x00 or 0x01))
        {
            throw new InvalidDataException($"Unknown import/export name encoding 0x{tag:x2} at offset {cursor.Position - 1}.");
        }
        return cursor.ReadName();
    }

    private static ComponentItemKind ReadExternDesc(ref BinaryCursor cursor)
    {
        var tag = cursor.ReadByte();
        switch (tag)
        {
            case 0x00:
                if (cursor.ReadByte() != 0x11)
                {
                    throw new InvalidDataException("Core extern descriptor other than module.");
                }
                cursor.ReadU32();
                return ComponentItemKind.CoreModule;
            case 0x02:
                if (cursor.ReadByte() == 0x00)
                {
                    cursor.ReadU32();
                }
                else
                {
                    cursor.ReadS33();
                }
                return ComponentItemKind.Value;
            case 0x03:
                if (cursor.ReadByte() == 0x00)
                {
                    cursor.ReadU32();
                }
                return ComponentItemKind.Type;
            case 0x01 or 0x04 or 0x05:
                cursor.ReadU32();
                return SortKind(tag);
            default:
                throw new InvalidDataException($"Unknown extern descriptor 0x{tag:x2} at offset {cursor.Position - 1}.");
        }
    }

    private static ComponentItemKind SortKind(byte sort) => sort switch
    {
        0x01 => ComponentItemKind.Function,
        0x02 => ComponentItemKind.Value,
        0x03 => ComponentItemKind.Type,
        0x04 => ComponentItemKind.Component,
        0x05 => ComponentItemKind.Instance,
        _ => throw new InvalidDataException($"Unknown sort 0x{sort:x2}."),
    };

    private static ComponentItemKind CoreSortKind(byte coreSort) => coreSort == 0x11
        ? ComponentItemKind.CoreModule
        : throw new InvalidDataException($"Core sort 0x{coreSort:x2} cannot be exported from a component.");
}
